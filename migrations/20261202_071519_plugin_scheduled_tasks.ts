import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The plugins declare their schedules on tasks (metaEventSweep, metaChannelProof,
 * queueUsageSnapshots) and the `withSchedules` shim's `scheduleTick` task is gone. A scheduleTick
 * job still waiting would not cast to the new enum (and has no task to run it): it is dropped, with
 * its log rows — its schedule fires again at its next slot. So are the shim's slot claims, which
 * were kept under the schedules' names and which nothing forgets any more.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  DELETE FROM "payload_jobs_log" WHERE "task_slug" = 'scheduleTick';
  DELETE FROM "payload_jobs" WHERE "task_slug" = 'scheduleTick';
  DELETE FROM "payload_kv" WHERE "key" LIKE 'schedule:%' AND "data"->>'schedule' IN ('usage-snapshots', 'meta-event-sweep', 'meta-channel-proof');
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'metaEventSweep', 'metaChannelProof', 'quotaAlertEmail', 'usageSnapshot', 'queueUsageSnapshots');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'metaEventSweep', 'metaChannelProof', 'quotaAlertEmail', 'usageSnapshot', 'queueUsageSnapshots');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DELETE FROM "payload_jobs_log" WHERE "task_slug" IN ('metaEventSweep', 'metaChannelProof', 'queueUsageSnapshots');
  DELETE FROM "payload_jobs" WHERE "task_slug" IN ('metaEventSweep', 'metaChannelProof', 'queueUsageSnapshots');
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'scheduleTick', 'quotaAlertEmail', 'usageSnapshot');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'scheduleTick', 'quotaAlertEmail', 'usageSnapshot');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";`)
}
