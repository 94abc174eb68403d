import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// The new default 'unverified' is set by 20261201_220500_meta_channel_proof_sql: PostgreSQL lets
// no transaction use an enum value it added itself.
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_pages_status" ADD VALUE 'unverified' BEFORE 'connected';
  ALTER TYPE "public"."enum_numbers_status" ADD VALUE 'unverified' BEFORE 'connected';
  DROP INDEX "pages_page_id_idx";
  DROP INDEX "numbers_phone_number_id_idx";
  ALTER TABLE "pages" ADD COLUMN "verified_at" timestamp(3) with time zone;
  ALTER TABLE "numbers" ADD COLUMN "verified_at" timestamp(3) with time zone;
  CREATE UNIQUE INDEX "tenant_pageId_idx" ON "pages" USING btree ("tenant_id","page_id");
  CREATE INDEX "numbers_waba_id_idx" ON "numbers" USING btree ("waba_id");
  CREATE UNIQUE INDEX "tenant_phoneNumberId_idx" ON "numbers" USING btree ("tenant_id","phone_number_id");
  CREATE INDEX "pages_page_id_idx" ON "pages" USING btree ("page_id");
  CREATE INDEX "numbers_phone_number_id_idx" ON "numbers" USING btree ("phone_number_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "pages" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "pages" ALTER COLUMN "status" SET DEFAULT 'connected'::text;
  DROP TYPE "public"."enum_pages_status";
  CREATE TYPE "public"."enum_pages_status" AS ENUM('connected', 'disconnected', 'error');
  ALTER TABLE "pages" ALTER COLUMN "status" SET DEFAULT 'connected'::"public"."enum_pages_status";
  ALTER TABLE "pages" ALTER COLUMN "status" SET DATA TYPE "public"."enum_pages_status" USING "status"::"public"."enum_pages_status";
  ALTER TABLE "numbers" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "numbers" ALTER COLUMN "status" SET DEFAULT 'connected'::text;
  DROP TYPE "public"."enum_numbers_status";
  CREATE TYPE "public"."enum_numbers_status" AS ENUM('connected', 'disconnected', 'error');
  ALTER TABLE "numbers" ALTER COLUMN "status" SET DEFAULT 'connected'::"public"."enum_numbers_status";
  ALTER TABLE "numbers" ALTER COLUMN "status" SET DATA TYPE "public"."enum_numbers_status" USING "status"::"public"."enum_numbers_status";
  DROP INDEX "tenant_pageId_idx";
  DROP INDEX "numbers_waba_id_idx";
  DROP INDEX "tenant_phoneNumberId_idx";
  DROP INDEX "pages_page_id_idx";
  DROP INDEX "numbers_phone_number_id_idx";
  CREATE UNIQUE INDEX "pages_page_id_idx" ON "pages" USING btree ("page_id");
  CREATE UNIQUE INDEX "numbers_phone_number_id_idx" ON "numbers" USING btree ("phone_number_id");
  ALTER TABLE "pages" DROP COLUMN "verified_at";
  ALTER TABLE "numbers" DROP COLUMN "verified_at";`)
}
