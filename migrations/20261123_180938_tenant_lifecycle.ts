import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_tenants_trial_warnings" AS ENUM('7d', '1d');
  CREATE TYPE "public"."enum_tenants_status_before_deletion" AS ENUM('trial', 'active', 'suspended', 'cancelled');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'tenantPurge' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'trialCheck' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'tenantPurge' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'trialCheck' BEFORE 'quotaAlertEmail';
  CREATE TABLE "tenants_trial_warnings" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_tenants_trial_warnings",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  ALTER TABLE "tenants" ADD COLUMN "suspended_reason" varchar;
  ALTER TABLE "tenants" ADD COLUMN "suspended_at" timestamp(3) with time zone;
  ALTER TABLE "tenants" ADD COLUMN "status_before_deletion" "enum_tenants_status_before_deletion";
  ALTER TABLE "tenants_trial_warnings" ADD CONSTRAINT "tenants_trial_warnings_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "tenants_trial_warnings_order_idx" ON "tenants_trial_warnings" USING btree ("order");
  CREATE INDEX "tenants_trial_warnings_parent_idx" ON "tenants_trial_warnings" USING btree ("parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "tenants_trial_warnings" CASCADE;
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'scheduleTick', 'auditPurge', 'quotaAlertEmail', 'usageSnapshot');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'scheduleTick', 'auditPurge', 'quotaAlertEmail', 'usageSnapshot');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "tenants" DROP COLUMN "suspended_reason";
  ALTER TABLE "tenants" DROP COLUMN "suspended_at";
  ALTER TABLE "tenants" DROP COLUMN "status_before_deletion";
  DROP TYPE "public"."enum_tenants_trial_warnings";
  DROP TYPE "public"."enum_tenants_status_before_deletion";`)
}
