import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "tenant_phone_idx";
  DROP INDEX "tenant_phone_1_idx";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   CREATE UNIQUE INDEX "tenant_phone_idx" ON "customers" USING btree ("tenant_id","phone");
  CREATE UNIQUE INDEX "tenant_phone_1_idx" ON "leads" USING btree ("tenant_id","phone");`)
}
