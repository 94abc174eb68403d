import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "tenants" ADD COLUMN "onboarding_steps" jsonb;
  ALTER TABLE "tenants" ADD COLUMN "onboarding_completed_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "tenants" DROP COLUMN "onboarding_steps";
  ALTER TABLE "tenants" DROP COLUMN "onboarding_completed_at";`)
}
