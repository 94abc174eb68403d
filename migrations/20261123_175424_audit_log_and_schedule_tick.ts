import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('create', 'update', 'delete', 'login', 'login-failed', 'read-across-tenants', 'export', 'suspend', 'reactivate', 'soft-delete', 'restore');
  CREATE TYPE "public"."enum_audit_logs_actor_type" AS ENUM('user', 'api-key', 'system', 'anonymous');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'scheduleTick' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'auditPurge' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'scheduleTick' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'auditPurge' BEFORE 'quotaAlertEmail';
  CREATE TABLE "audit_logs" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"action" "enum_audit_logs_action" NOT NULL,
  	"summary" varchar,
  	"actor_type" "enum_audit_logs_actor_type" NOT NULL,
  	"actor_user_id" uuid,
  	"actor_label" varchar,
  	"collection" varchar,
  	"document_id" varchar,
  	"changes" jsonb,
  	"request_id" varchar,
  	"ip" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "audit_logs_id" uuid;
  ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "audit_logs_tenant_idx" ON "audit_logs" USING btree ("tenant_id");
  CREATE INDEX "audit_logs_action_idx" ON "audit_logs" USING btree ("action");
  CREATE INDEX "audit_logs_actor_user_idx" ON "audit_logs" USING btree ("actor_user_id");
  CREATE INDEX "audit_logs_collection_idx" ON "audit_logs" USING btree ("collection");
  CREATE INDEX "audit_logs_document_id_idx" ON "audit_logs" USING btree ("document_id");
  CREATE INDEX "audit_logs_updated_at_idx" ON "audit_logs" USING btree ("updated_at");
  CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs" USING btree ("created_at");
  CREATE INDEX "tenant_createdAt_1_idx" ON "audit_logs" USING btree ("tenant_id","created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_audit_logs_fk" FOREIGN KEY ("audit_logs_id") REFERENCES "public"."audit_logs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_audit_logs_id_idx" ON "payload_locked_documents_rels" USING btree ("audit_logs_id");`)
  // The audit log is tenant-owned (entries without a tenant are the super-admin's only).
  await db.execute(sql`select app_rls_protect_all()`)
  // Retention: the app's role may not DELETE from the log (src/db/roles.ts); old entries go
  // through this function only, which runs as the table's owner and never touches the last day.
  await db.execute(sql`
    create or replace function audit_purge(cutoff timestamptz, batch integer default 1000) returns integer
    language plpgsql security definer set search_path = public as $$
    declare deleted integer;
    begin
      if cutoff > now() - interval '1 day' then
        raise exception 'audit_purge: entries of the last day are kept (cutoff %)', cutoff;
      end if;
      delete from audit_logs where id in (select id from audit_logs where created_at < cutoff order by created_at limit batch);
      get diagnostics deleted = row_count;
      return deleted;
    end $$`)

}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`drop function if exists audit_purge(timestamptz, integer)`)
  await db.execute(sql`
   ALTER TABLE "audit_logs" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "audit_logs" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_audit_logs_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'quotaAlertEmail', 'usageSnapshot');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'quotaAlertEmail', 'usageSnapshot');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_audit_logs_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "audit_logs_id";
  DROP TYPE "public"."enum_audit_logs_action";
  DROP TYPE "public"."enum_audit_logs_actor_type";`)
}
