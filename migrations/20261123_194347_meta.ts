import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_conversations_channel" AS ENUM('whatsapp', 'messenger');
  CREATE TYPE "public"."enum_conversations_status" AS ENUM('open', 'closed');
  CREATE TYPE "public"."enum_messages_direction" AS ENUM('inbound', 'outbound');
  CREATE TYPE "public"."enum_messages_type" AS ENUM('text', 'template', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'reaction', 'postback', 'unsupported');
  CREATE TYPE "public"."enum_messages_status" AS ENUM('received', 'pending', 'sent', 'delivered', 'read', 'failed');
  CREATE TYPE "public"."enum_messages_tag" AS ENUM('HUMAN_AGENT');
  CREATE TYPE "public"."enum_message_templates_category" AS ENUM('UTILITY', 'MARKETING', 'AUTHENTICATION');
  CREATE TYPE "public"."enum_message_templates_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED', 'PAUSED', 'DISABLED', 'IN_APPEAL', 'PENDING_DELETION', 'DELETED', 'LIMIT_EXCEEDED');
  CREATE TYPE "public"."enum_automations_days" AS ENUM('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun');
  CREATE TYPE "public"."enum_automations_channel" AS ENUM('any', 'whatsapp', 'messenger');
  CREATE TYPE "public"."enum_automations_trigger" AS ENUM('keyword', 'regex', 'outside-business-hours', 'new-conversation');
  CREATE TYPE "public"."enum_automations_action" AS ENUM('reply-text', 'reply-template', 'assign-round-robin');
  CREATE TYPE "public"."enum_automations_assign_role" AS ENUM('support-agent', 'sales-operator', 'tenant-admin');
  CREATE TYPE "public"."enum_meta_events_kind" AS ENUM('wa-message', 'wa-status', 'wa-template-status', 'wa-error', 'fb-message', 'fb-echo', 'fb-postback', 'fb-delivery', 'fb-read', 'leadgen');
  CREATE TYPE "public"."enum_meta_events_status" AS ENUM('pending', 'processing', 'done', 'failed', 'ignored');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'metaProcessEvents' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'metaSendMessage' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'metaProcessEvents' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'metaSendMessage' BEFORE 'quotaAlertEmail';
  CREATE TABLE "conversations" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"channel" "enum_conversations_channel" NOT NULL,
  	"number_id" uuid,
  	"page_id" uuid,
  	"contact_id" varchar NOT NULL,
  	"contact_name" varchar,
  	"channel_key" varchar,
  	"customer_id" uuid,
  	"assignee_id" uuid,
  	"status" "enum_conversations_status" DEFAULT 'open' NOT NULL,
  	"unread_count" numeric DEFAULT 0,
  	"last_message_preview" varchar,
  	"last_message_at" timestamp(3) with time zone,
  	"last_inbound_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "messages" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"conversation_id" uuid NOT NULL,
  	"direction" "enum_messages_direction" DEFAULT 'outbound' NOT NULL,
  	"type" "enum_messages_type" DEFAULT 'text' NOT NULL,
  	"status" "enum_messages_status",
  	"text" varchar,
  	"template_name" varchar,
  	"template_language" varchar DEFAULT 'en_US',
  	"tag" "enum_messages_tag",
  	"meta_id" varchar,
  	"error_code" numeric,
  	"error_title" varchar,
  	"error_details" varchar,
  	"sent_at" timestamp(3) with time zone,
  	"delivered_at" timestamp(3) with time zone,
  	"read_at" timestamp(3) with time zone,
  	"failed_at" timestamp(3) with time zone,
  	"attachment" jsonb,
  	"sent_by_id" uuid,
  	"automation_id" uuid,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "messages_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "message_templates" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"number_id" uuid NOT NULL,
  	"name" varchar NOT NULL,
  	"language" varchar DEFAULT 'en_US' NOT NULL,
  	"category" "enum_message_templates_category" DEFAULT 'UTILITY' NOT NULL,
  	"description" varchar,
  	"header_text" varchar,
  	"body_text" varchar NOT NULL,
  	"footer_text" varchar,
  	"status" "enum_message_templates_status",
  	"meta_id" varchar,
  	"waba_id" varchar,
  	"rejected_reason" varchar,
  	"components" jsonb,
  	"synced_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "message_templates_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "automations_days" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_automations_days",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "automations" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"name" varchar NOT NULL,
  	"enabled" boolean DEFAULT true,
  	"priority" numeric DEFAULT 100,
  	"channel" "enum_automations_channel" DEFAULT 'any',
  	"trigger" "enum_automations_trigger" DEFAULT 'keyword' NOT NULL,
  	"pattern" varchar,
  	"opens_at" varchar,
  	"closes_at" varchar,
  	"cooldown_minutes" numeric DEFAULT 60,
  	"action" "enum_automations_action" DEFAULT 'reply-text' NOT NULL,
  	"reply_text" varchar,
  	"template_id" uuid,
  	"assign_role" "enum_automations_assign_role" DEFAULT 'support-agent',
  	"stop_after_match" boolean DEFAULT true,
  	"fired_count" numeric DEFAULT 0,
  	"last_fired_at" timestamp(3) with time zone,
  	"round_robin_cursor" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "automations_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "meta_events" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"kind" "enum_meta_events_kind" NOT NULL,
  	"external_id" varchar NOT NULL,
  	"status" "enum_meta_events_status" DEFAULT 'pending' NOT NULL,
  	"attempts" numeric DEFAULT 0,
  	"event_key" varchar NOT NULL,
  	"payload" jsonb NOT NULL,
  	"error" varchar,
  	"processed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "pages" ADD COLUMN "connection_checked_at" timestamp(3) with time zone;
  ALTER TABLE "pages" ADD COLUMN "connection_ok" boolean;
  ALTER TABLE "pages" ADD COLUMN "connection_message" varchar;
  ALTER TABLE "numbers" ADD COLUMN "connection_checked_at" timestamp(3) with time zone;
  ALTER TABLE "numbers" ADD COLUMN "connection_ok" boolean;
  ALTER TABLE "numbers" ADD COLUMN "connection_message" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "conversations_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "messages_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "message_templates_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "automations_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "meta_events_id" uuid;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_number_id_numbers_id_fk" FOREIGN KEY ("number_id") REFERENCES "public"."numbers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_sent_by_id_users_id_fk" FOREIGN KEY ("sent_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_automation_id_automations_id_fk" FOREIGN KEY ("automation_id") REFERENCES "public"."automations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages_texts" ADD CONSTRAINT "messages_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_number_id_numbers_id_fk" FOREIGN KEY ("number_id") REFERENCES "public"."numbers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "message_templates_texts" ADD CONSTRAINT "message_templates_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."message_templates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "automations_days" ADD CONSTRAINT "automations_days_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."automations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "automations" ADD CONSTRAINT "automations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automations" ADD CONSTRAINT "automations_template_id_message_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."message_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automations_texts" ADD CONSTRAINT "automations_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."automations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "meta_events" ADD CONSTRAINT "meta_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "conversations_tenant_idx" ON "conversations" USING btree ("tenant_id");
  CREATE INDEX "conversations_number_idx" ON "conversations" USING btree ("number_id");
  CREATE INDEX "conversations_page_idx" ON "conversations" USING btree ("page_id");
  CREATE INDEX "conversations_customer_idx" ON "conversations" USING btree ("customer_id");
  CREATE INDEX "conversations_assignee_idx" ON "conversations" USING btree ("assignee_id");
  CREATE INDEX "conversations_last_message_at_idx" ON "conversations" USING btree ("last_message_at");
  CREATE INDEX "conversations_updated_at_idx" ON "conversations" USING btree ("updated_at");
  CREATE INDEX "conversations_created_at_idx" ON "conversations" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_channelKey_idx" ON "conversations" USING btree ("tenant_id","channel_key");
  CREATE INDEX "tenant_lastMessageAt_idx" ON "conversations" USING btree ("tenant_id","last_message_at");
  CREATE INDEX "messages_tenant_idx" ON "messages" USING btree ("tenant_id");
  CREATE INDEX "messages_conversation_idx" ON "messages" USING btree ("conversation_id");
  CREATE INDEX "messages_sent_by_idx" ON "messages" USING btree ("sent_by_id");
  CREATE INDEX "messages_automation_idx" ON "messages" USING btree ("automation_id");
  CREATE INDEX "messages_updated_at_idx" ON "messages" USING btree ("updated_at");
  CREATE INDEX "messages_created_at_idx" ON "messages" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_metaId_idx" ON "messages" USING btree ("tenant_id","meta_id");
  CREATE INDEX "conversation_createdAt_idx" ON "messages" USING btree ("conversation_id","created_at");
  CREATE INDEX "messages_texts_order_parent" ON "messages_texts" USING btree ("order","parent_id");
  CREATE INDEX "message_templates_tenant_idx" ON "message_templates" USING btree ("tenant_id");
  CREATE INDEX "message_templates_number_idx" ON "message_templates" USING btree ("number_id");
  CREATE INDEX "message_templates_updated_at_idx" ON "message_templates" USING btree ("updated_at");
  CREATE INDEX "message_templates_created_at_idx" ON "message_templates" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_wabaId_name_language_idx" ON "message_templates" USING btree ("tenant_id","waba_id","name","language");
  CREATE INDEX "tenant_metaId_1_idx" ON "message_templates" USING btree ("tenant_id","meta_id");
  CREATE INDEX "message_templates_texts_order_parent" ON "message_templates_texts" USING btree ("order","parent_id");
  CREATE INDEX "automations_days_order_idx" ON "automations_days" USING btree ("order");
  CREATE INDEX "automations_days_parent_idx" ON "automations_days" USING btree ("parent_id");
  CREATE INDEX "automations_tenant_idx" ON "automations" USING btree ("tenant_id");
  CREATE INDEX "automations_template_idx" ON "automations" USING btree ("template_id");
  CREATE INDEX "automations_updated_at_idx" ON "automations" USING btree ("updated_at");
  CREATE INDEX "automations_created_at_idx" ON "automations" USING btree ("created_at");
  CREATE INDEX "tenant_enabled_priority_idx" ON "automations" USING btree ("tenant_id","enabled","priority");
  CREATE INDEX "automations_texts_order_parent" ON "automations_texts" USING btree ("order","parent_id");
  CREATE INDEX "meta_events_tenant_idx" ON "meta_events" USING btree ("tenant_id");
  CREATE INDEX "meta_events_updated_at_idx" ON "meta_events" USING btree ("updated_at");
  CREATE INDEX "meta_events_created_at_idx" ON "meta_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_eventKey_idx" ON "meta_events" USING btree ("tenant_id","event_key");
  CREATE INDEX "tenant_status_createdAt_idx" ON "meta_events" USING btree ("tenant_id","status","created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_conversations_fk" FOREIGN KEY ("conversations_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_messages_fk" FOREIGN KEY ("messages_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_message_templates_fk" FOREIGN KEY ("message_templates_id") REFERENCES "public"."message_templates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_automations_fk" FOREIGN KEY ("automations_id") REFERENCES "public"."automations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_meta_events_fk" FOREIGN KEY ("meta_events_id") REFERENCES "public"."meta_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_conversations_id_idx" ON "payload_locked_documents_rels" USING btree ("conversations_id");
  CREATE INDEX "payload_locked_documents_rels_messages_id_idx" ON "payload_locked_documents_rels" USING btree ("messages_id");
  CREATE INDEX "payload_locked_documents_rels_message_templates_id_idx" ON "payload_locked_documents_rels" USING btree ("message_templates_id");
  CREATE INDEX "payload_locked_documents_rels_automations_id_idx" ON "payload_locked_documents_rels" USING btree ("automations_id");
  CREATE INDEX "payload_locked_documents_rels_meta_events_id_idx" ON "payload_locked_documents_rels" USING btree ("meta_events_id");`)
  // The inbox tables are tenant-owned: row-level security like every other (src/db/rls).
  await db.execute(sql`select app_rls_protect_all()`)
  // The webhook learns whose page, number or WABA each event is for before it knows any tenant,
  // and stores the events of many deliveries in one round trip. Instead of a general bypass it
  // calls this function, which runs with the bypass on for its own duration only (SET … on the
  // function): it gives each event to the tenant owning the id it names and inserts it there,
  // once per event key. One row per event and owner: `stored` is true for the one event that
  // was inserted (false for a duplicate, in the table or earlier in the same call); an event
  // nobody owns comes back with no tenant.
  await db.execute(sql`
    create or replace function meta_store_events(events jsonb)
    returns table(idx integer, tenant_id uuid, stored boolean)
    language sql volatile security definer set search_path = public set app.bypass_rls = 'on' as $$
      with e as (
        select x.* from jsonb_to_recordset(events) as x(idx integer, target text, external_id text, kind text, event_key text, payload jsonb)
      ), owners as (
        select e.*, o.tenant_id, o.channel_id,
               row_number() over (partition by o.tenant_id, e.event_key order by e.idx) as nth
        from e
        join lateral (
          select n.tenant_id, n.id as channel_id from numbers n where e.target = 'number' and n.phone_number_id = e.external_id
          union all
          select p.tenant_id, p.id from pages p where e.target = 'page' and p.page_id = e.external_id
          union all
          (select distinct on (n.tenant_id) n.tenant_id, n.id from numbers n where e.target = 'waba' and n.waba_id = e.external_id order by n.tenant_id, n.created_at)
        ) o on o.tenant_id is not null
      ), ins as (
        insert into meta_events (tenant_id, kind, external_id, event_key, payload, status, attempts)
        select tenant_id, kind::enum_meta_events_kind, external_id, event_key, payload || jsonb_build_object('channelId', channel_id), 'pending', 0
        from owners where nth = 1 order by idx
        on conflict (tenant_id, event_key) do nothing
        returning meta_events.tenant_id, meta_events.event_key
      )
      select o.idx, o.tenant_id, o.nth = 1 and exists (select 1 from ins where ins.tenant_id = o.tenant_id and ins.event_key = o.event_key)
        from owners o
      union all
      select e.idx, null::uuid, false from e where not exists (select 1 from owners o where o.idx = e.idx)
    $$`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`drop function if exists meta_store_events(jsonb)`)
  await db.execute(sql`
   ALTER TABLE "conversations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "messages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "messages_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "message_templates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "message_templates_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "automations_days" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "automations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "automations_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "meta_events" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "conversations" CASCADE;
  DROP TABLE "messages" CASCADE;
  DROP TABLE "messages_texts" CASCADE;
  DROP TABLE "message_templates" CASCADE;
  DROP TABLE "message_templates_texts" CASCADE;
  DROP TABLE "automations_days" CASCADE;
  DROP TABLE "automations" CASCADE;
  DROP TABLE "automations_texts" CASCADE;
  DROP TABLE "meta_events" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_conversations_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_messages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_message_templates_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_automations_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_meta_events_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'scheduleTick', 'auditPurge', 'tenantPurge', 'trialCheck', 'tenantExport', 'quotaAlertEmail', 'usageSnapshot');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'scheduleTick', 'auditPurge', 'tenantPurge', 'trialCheck', 'tenantExport', 'quotaAlertEmail', 'usageSnapshot');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_conversations_id_idx";
  DROP INDEX "payload_locked_documents_rels_messages_id_idx";
  DROP INDEX "payload_locked_documents_rels_message_templates_id_idx";
  DROP INDEX "payload_locked_documents_rels_automations_id_idx";
  DROP INDEX "payload_locked_documents_rels_meta_events_id_idx";
  ALTER TABLE "pages" DROP COLUMN "connection_checked_at";
  ALTER TABLE "pages" DROP COLUMN "connection_ok";
  ALTER TABLE "pages" DROP COLUMN "connection_message";
  ALTER TABLE "numbers" DROP COLUMN "connection_checked_at";
  ALTER TABLE "numbers" DROP COLUMN "connection_ok";
  ALTER TABLE "numbers" DROP COLUMN "connection_message";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "conversations_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "messages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "message_templates_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "automations_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "meta_events_id";
  DROP TYPE "public"."enum_conversations_channel";
  DROP TYPE "public"."enum_conversations_status";
  DROP TYPE "public"."enum_messages_direction";
  DROP TYPE "public"."enum_messages_type";
  DROP TYPE "public"."enum_messages_status";
  DROP TYPE "public"."enum_messages_tag";
  DROP TYPE "public"."enum_message_templates_category";
  DROP TYPE "public"."enum_message_templates_status";
  DROP TYPE "public"."enum_automations_days";
  DROP TYPE "public"."enum_automations_channel";
  DROP TYPE "public"."enum_automations_trigger";
  DROP TYPE "public"."enum_automations_action";
  DROP TYPE "public"."enum_automations_assign_role";
  DROP TYPE "public"."enum_meta_events_kind";
  DROP TYPE "public"."enum_meta_events_status";`)
}
