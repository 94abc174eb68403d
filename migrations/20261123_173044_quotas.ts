import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_tenants_quota_overrides_limit" AS ENUM('users', 'pages', 'numbers', 'couriers', 'products', 'monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'aiRequestsPerMonth');
  CREATE TYPE "public"."enum_usage_counters_metric" AS ENUM('users', 'pages', 'numbers', 'couriers', 'products', 'monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'aiRequestsPerMonth');
  CREATE TYPE "public"."enum_quota_alerts_limit" AS ENUM('users', 'pages', 'numbers', 'couriers', 'products', 'monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'aiRequestsPerMonth');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'quotaAlertEmail', 'usageSnapshot');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'quotaAlertEmail', 'usageSnapshot');
  CREATE TABLE "tenants_quota_overrides" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"limit" "enum_tenants_quota_overrides_limit" NOT NULL,
  	"max" numeric,
  	"reason" varchar
  );
  
  CREATE TABLE "usage_counters" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid NOT NULL,
  	"metric" "enum_usage_counters_metric" NOT NULL,
  	"period" varchar NOT NULL,
  	"count" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "quota_alerts" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid NOT NULL,
  	"limit" "enum_quota_alerts_limit" NOT NULL,
  	"threshold" numeric NOT NULL,
  	"period" varchar NOT NULL,
  	"used" numeric NOT NULL,
  	"max" numeric NOT NULL,
  	"emailed_to" varchar,
  	"emailed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "usage_snapshots" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid NOT NULL,
  	"day" varchar NOT NULL,
  	"usage" jsonb NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "usage_counters_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "quota_alerts_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "usage_snapshots_id" uuid;
  ALTER TABLE "tenants_quota_overrides" ADD CONSTRAINT "tenants_quota_overrides_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quota_alerts" ADD CONSTRAINT "quota_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "usage_snapshots" ADD CONSTRAINT "usage_snapshots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "tenants_quota_overrides_order_idx" ON "tenants_quota_overrides" USING btree ("_order");
  CREATE INDEX "tenants_quota_overrides_parent_id_idx" ON "tenants_quota_overrides" USING btree ("_parent_id");
  CREATE INDEX "usage_counters_tenant_idx" ON "usage_counters" USING btree ("tenant_id");
  CREATE INDEX "usage_counters_updated_at_idx" ON "usage_counters" USING btree ("updated_at");
  CREATE INDEX "usage_counters_created_at_idx" ON "usage_counters" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_metric_period_idx" ON "usage_counters" USING btree ("tenant_id","metric","period");
  CREATE INDEX "quota_alerts_tenant_idx" ON "quota_alerts" USING btree ("tenant_id");
  CREATE INDEX "quota_alerts_updated_at_idx" ON "quota_alerts" USING btree ("updated_at");
  CREATE INDEX "quota_alerts_created_at_idx" ON "quota_alerts" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_limit_threshold_period_idx" ON "quota_alerts" USING btree ("tenant_id","limit","threshold","period");
  CREATE INDEX "usage_snapshots_tenant_idx" ON "usage_snapshots" USING btree ("tenant_id");
  CREATE INDEX "usage_snapshots_updated_at_idx" ON "usage_snapshots" USING btree ("updated_at");
  CREATE INDEX "usage_snapshots_created_at_idx" ON "usage_snapshots" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_day_idx" ON "usage_snapshots" USING btree ("tenant_id","day");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_usage_counters_fk" FOREIGN KEY ("usage_counters_id") REFERENCES "public"."usage_counters"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_quota_alerts_fk" FOREIGN KEY ("quota_alerts_id") REFERENCES "public"."quota_alerts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_usage_snapshots_fk" FOREIGN KEY ("usage_snapshots_id") REFERENCES "public"."usage_snapshots"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_usage_counters_id_idx" ON "payload_locked_documents_rels" USING btree ("usage_counters_id");
  CREATE INDEX "payload_locked_documents_rels_quota_alerts_id_idx" ON "payload_locked_documents_rels" USING btree ("quota_alerts_id");
  CREATE INDEX "payload_locked_documents_rels_usage_snapshots_id_idx" ON "payload_locked_documents_rels" USING btree ("usage_snapshots_id");`)
  // Row-level security on the new tenant tables (usage ledger, alerts, snapshots).
  await db.execute(sql`select app_rls_protect_all()`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "tenants_quota_overrides" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "usage_counters" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quota_alerts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "usage_snapshots" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "tenants_quota_overrides" CASCADE;
  DROP TABLE "usage_counters" CASCADE;
  DROP TABLE "quota_alerts" CASCADE;
  DROP TABLE "usage_snapshots" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_usage_counters_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_quota_alerts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_usage_snapshots_fk";
  
  DROP INDEX "payload_locked_documents_rels_usage_counters_id_idx";
  DROP INDEX "payload_locked_documents_rels_quota_alerts_id_idx";
  DROP INDEX "payload_locked_documents_rels_usage_snapshots_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "usage_counters_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "quota_alerts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "usage_snapshots_id";
  DROP TYPE "public"."enum_tenants_quota_overrides_limit";
  DROP TYPE "public"."enum_usage_counters_metric";
  DROP TYPE "public"."enum_quota_alerts_limit";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
