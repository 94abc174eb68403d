import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_ai_settings_auto_reply_when" AS ENUM('outside-hours', 'price', 'stock', 'delivery-status');
  CREATE TYPE "public"."enum_ai_settings_tone" AS ENUM('friendly', 'formal', 'concise');
  CREATE TYPE "public"."enum_ai_settings_reply_language" AS ENUM('auto', 'bn', 'en');
  CREATE TYPE "public"."enum_ai_usage_feature" AS ENUM('suggest-reply', 'summarise', 'draft-order', 'auto-reply');
  CREATE TYPE "public"."enum_ai_usage_outcome" AS ENUM('ok', 'handoff', 'refused', 'error');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'aiAutoReply' BEFORE 'billingProcessEvents';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'aiAutoReply' BEFORE 'billingProcessEvents';
  CREATE TABLE "ai_settings_auto_reply_when" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_ai_settings_auto_reply_when",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "ai_settings" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"features_suggest_reply" boolean DEFAULT true,
  	"features_summarise" boolean DEFAULT true,
  	"features_draft_order" boolean DEFAULT true,
  	"features_auto_reply" boolean DEFAULT false,
  	"persona" varchar,
  	"tone" "enum_ai_settings_tone" DEFAULT 'friendly',
  	"reply_language" "enum_ai_settings_reply_language" DEFAULT 'auto',
  	"instructions" varchar,
  	"policy" varchar,
  	"max_reply_chars_whatsapp" numeric DEFAULT 600,
  	"max_reply_chars_messenger" numeric DEFAULT 600,
  	"auto_reply_handoff_to_id" uuid,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "ai_settings_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "ai_settings_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"numbers_id" uuid,
  	"pages_id" uuid
  );
  
  CREATE TABLE "ai_usage" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"feature" "enum_ai_usage_feature" NOT NULL,
  	"outcome" "enum_ai_usage_outcome" NOT NULL,
  	"model" varchar,
  	"tokens_in" numeric DEFAULT 0,
  	"tokens_out" numeric DEFAULT 0,
  	"latency_ms" numeric DEFAULT 0,
  	"calls" numeric DEFAULT 1,
  	"conversation_id" uuid,
  	"message_id" uuid,
  	"error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "ai_settings_auto_reply_when" ADD CONSTRAINT "ai_settings_auto_reply_when_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."ai_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ai_settings" ADD CONSTRAINT "ai_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_settings" ADD CONSTRAINT "ai_settings_auto_reply_handoff_to_id_users_id_fk" FOREIGN KEY ("auto_reply_handoff_to_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_settings_texts" ADD CONSTRAINT "ai_settings_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."ai_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ai_settings_rels" ADD CONSTRAINT "ai_settings_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."ai_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ai_settings_rels" ADD CONSTRAINT "ai_settings_rels_numbers_fk" FOREIGN KEY ("numbers_id") REFERENCES "public"."numbers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ai_settings_rels" ADD CONSTRAINT "ai_settings_rels_pages_fk" FOREIGN KEY ("pages_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "ai_settings_auto_reply_when_order_idx" ON "ai_settings_auto_reply_when" USING btree ("order");
  CREATE INDEX "ai_settings_auto_reply_when_parent_idx" ON "ai_settings_auto_reply_when" USING btree ("parent_id");
  CREATE INDEX "ai_settings_tenant_idx" ON "ai_settings" USING btree ("tenant_id");
  CREATE INDEX "ai_settings_auto_reply_auto_reply_handoff_to_idx" ON "ai_settings" USING btree ("auto_reply_handoff_to_id");
  CREATE INDEX "ai_settings_updated_at_idx" ON "ai_settings" USING btree ("updated_at");
  CREATE INDEX "ai_settings_created_at_idx" ON "ai_settings" USING btree ("created_at");
  CREATE INDEX "ai_settings_texts_order_parent" ON "ai_settings_texts" USING btree ("order","parent_id");
  CREATE INDEX "ai_settings_rels_order_idx" ON "ai_settings_rels" USING btree ("order");
  CREATE INDEX "ai_settings_rels_parent_idx" ON "ai_settings_rels" USING btree ("parent_id");
  CREATE INDEX "ai_settings_rels_path_idx" ON "ai_settings_rels" USING btree ("path");
  CREATE INDEX "ai_settings_rels_numbers_id_idx" ON "ai_settings_rels" USING btree ("numbers_id");
  CREATE INDEX "ai_settings_rels_pages_id_idx" ON "ai_settings_rels" USING btree ("pages_id");
  CREATE INDEX "ai_usage_tenant_idx" ON "ai_usage" USING btree ("tenant_id");
  CREATE INDEX "ai_usage_conversation_idx" ON "ai_usage" USING btree ("conversation_id");
  CREATE INDEX "ai_usage_message_idx" ON "ai_usage" USING btree ("message_id");
  CREATE INDEX "ai_usage_updated_at_idx" ON "ai_usage" USING btree ("updated_at");
  CREATE INDEX "ai_usage_created_at_idx" ON "ai_usage" USING btree ("created_at");
  CREATE INDEX "tenant_createdAt_3_idx" ON "ai_usage" USING btree ("tenant_id","created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "ai_settings_auto_reply_when" CASCADE;
  DROP TABLE "ai_settings" CASCADE;
  DROP TABLE "ai_settings_texts" CASCADE;
  DROP TABLE "ai_settings_rels" CASCADE;
  DROP TABLE "ai_usage" CASCADE;
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'metaEventSweep', 'metaChannelProof', 'courierBook', 'courierProcessEvents', 'courierPoll', 'courierQueuePolls', 'courierPayoutSync', 'courierQueuePayoutSyncs', 'billingProcessEvents', 'billingGraceCheck', 'billingMeterPush', 'billingSyncPrices', 'quotaAlertEmail', 'usageSnapshot', 'queueUsageSnapshots', 'dashboardsRollup', 'dashboardsRecompute', 'dashboardsQueueRollups');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'metaEventSweep', 'metaChannelProof', 'courierBook', 'courierProcessEvents', 'courierPoll', 'courierQueuePolls', 'courierPayoutSync', 'courierQueuePayoutSyncs', 'billingProcessEvents', 'billingGraceCheck', 'billingMeterPush', 'billingSyncPrices', 'quotaAlertEmail', 'usageSnapshot', 'queueUsageSnapshots', 'dashboardsRollup', 'dashboardsRecompute', 'dashboardsQueueRollups');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP TYPE "public"."enum_ai_settings_auto_reply_when";
  DROP TYPE "public"."enum_ai_settings_tone";
  DROP TYPE "public"."enum_ai_settings_reply_language";
  DROP TYPE "public"."enum_ai_usage_feature";
  DROP TYPE "public"."enum_ai_usage_outcome";`)
}
