import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_couriers_pathao_handshake" AS ENUM('secret', 'fixed');
  CREATE TYPE "public"."enum_shipments_history_source" AS ENUM('booking', 'webhook', 'poll', 'manual');
  CREATE TYPE "public"."enum_shipments_history_status" AS ENUM('booked', 'picked', 'in_transit', 'out_for_delivery', 'on_hold', 'failed_attempt', 'returning', 'delivered', 'partially_delivered', 'returned', 'cancelled');
  CREATE TYPE "public"."enum_shipments_provider" AS ENUM('steadfast', 'pathao', 'redx');
  CREATE TYPE "public"."enum_shipments_booking_state" AS ENUM('queued', 'sending', 'booked', 'failed');
  CREATE TYPE "public"."enum_shipments_status" AS ENUM('booked', 'picked', 'in_transit', 'out_for_delivery', 'on_hold', 'failed_attempt', 'returning', 'delivered', 'partially_delivered', 'returned', 'cancelled');
  CREATE TYPE "public"."enum_shipments_payment_method" AS ENUM('cod', 'prepaid');
  CREATE TYPE "public"."enum_courier_events_provider" AS ENUM('steadfast', 'pathao', 'redx');
  CREATE TYPE "public"."enum_courier_events_kind" AS ENUM('status', 'tracking', 'payout', 'handshake', 'store');
  CREATE TYPE "public"."enum_courier_events_state" AS ENUM('pending', 'processing', 'done', 'ignored', 'failed');
  CREATE TYPE "public"."enum_courier_payouts_provider" AS ENUM('steadfast', 'pathao', 'redx');
  CREATE TYPE "public"."enum_courier_payouts_source" AS ENUM('api', 'webhook', 'csv', 'manual');
  ALTER TYPE "public"."enum_tenants_quota_overrides_limit" ADD VALUE 'shipmentsPerMonth' BEFORE 'aiRequestsPerMonth';
  ALTER TYPE "public"."enum_usage_counters_metric" ADD VALUE 'shipmentsPerMonth' BEFORE 'aiRequestsPerMonth';
  ALTER TYPE "public"."enum_quota_alerts_limit" ADD VALUE 'shipmentsPerMonth' BEFORE 'aiRequestsPerMonth';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'courierBook' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'courierProcessEvents' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'courierPoll' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'courierQueuePolls' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'courierBook' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'courierProcessEvents' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'courierPoll' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'courierQueuePolls' BEFORE 'quotaAlertEmail';
  CREATE TABLE "shipments_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone,
  	"source" "enum_shipments_history_source",
  	"raw_status" varchar,
  	"status" "enum_shipments_history_status",
  	"applied" boolean,
  	"message" varchar
  );
  
  CREATE TABLE "shipments" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"order_id" uuid NOT NULL,
  	"account_id" uuid NOT NULL,
  	"provider" "enum_shipments_provider" NOT NULL,
  	"invoice" varchar NOT NULL,
  	"consignment_id" varchar,
  	"tracking_code" varchar,
  	"booking_state" "enum_shipments_booking_state" DEFAULT 'queued' NOT NULL,
  	"status" "enum_shipments_status",
  	"raw_status" varchar,
  	"booking_error" varchar,
  	"batch" varchar,
  	"active" boolean DEFAULT true,
  	"recipient_name" varchar,
  	"recipient_phone" varchar,
  	"recipient_address" varchar,
  	"recipient_district" varchar,
  	"recipient_zone" varchar,
  	"recipient_city_id" numeric,
  	"recipient_zone_id" numeric,
  	"recipient_area_id" numeric,
  	"payment_method" "enum_shipments_payment_method" DEFAULT 'cod' NOT NULL,
  	"currency" varchar DEFAULT 'BDT' NOT NULL,
  	"weight_grams" numeric,
  	"store_id" varchar,
  	"cod_expected" numeric,
  	"cod_collected" numeric,
  	"delivery_fee" numeric,
  	"cod_fee" numeric,
  	"settlement_ref" varchar,
  	"settled_amount" numeric,
  	"settled_at" timestamp(3) with time zone,
  	"settlement_count" numeric DEFAULT 0,
  	"attempts" numeric DEFAULT 0,
  	"booked_at" timestamp(3) with time zone,
  	"picked_at" timestamp(3) with time zone,
  	"out_for_delivery_at" timestamp(3) with time zone,
  	"delivered_at" timestamp(3) with time zone,
  	"returning_at" timestamp(3) with time zone,
  	"returned_at" timestamp(3) with time zone,
  	"cancelled_at" timestamp(3) with time zone,
  	"last_event_at" timestamp(3) with time zone,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "courier_events" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"account_id" uuid NOT NULL,
  	"provider" "enum_courier_events_provider" NOT NULL,
  	"key" varchar NOT NULL,
  	"kind" "enum_courier_events_kind" NOT NULL,
  	"consignment_id" varchar,
  	"tracking_code" varchar,
  	"invoice" varchar,
  	"raw_status" varchar,
  	"event" jsonb NOT NULL,
  	"shipment_id" uuid,
  	"state" "enum_courier_events_state" DEFAULT 'pending' NOT NULL,
  	"attempts" numeric DEFAULT 0,
  	"error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "courier_payouts_items" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"shipment_id" uuid,
  	"consignment_id" varchar,
  	"invoice" varchar,
  	"tracking_code" varchar,
  	"collected" numeric,
  	"delivery_fee" numeric,
  	"cod_fee" numeric
  );
  
  CREATE TABLE "courier_payouts" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"account_id" uuid NOT NULL,
  	"provider" "enum_courier_payouts_provider" NOT NULL,
  	"reference" varchar NOT NULL,
  	"amount" numeric NOT NULL,
  	"currency" varchar DEFAULT 'BDT' NOT NULL,
  	"status" varchar,
  	"source" "enum_courier_payouts_source" NOT NULL,
  	"paid_at" timestamp(3) with time zone,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "plans" ADD COLUMN "limits_shipments_per_month" numeric;
  ALTER TABLE "couriers" ADD COLUMN "store_id" varchar;
  ALTER TABLE "couriers" ADD COLUMN "default_weight_grams" numeric DEFAULT 500;
  ALTER TABLE "couriers" ADD COLUMN "pathao_handshake" "enum_couriers_pathao_handshake" DEFAULT 'secret';
  ALTER TABLE "couriers" ADD COLUMN "webhook_id" varchar;
  ALTER TABLE "couriers" ADD COLUMN "webhook_secret" varchar;
  ALTER TABLE "shipments_history" ADD CONSTRAINT "shipments_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "shipments" ADD CONSTRAINT "shipments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "shipments" ADD CONSTRAINT "shipments_account_id_couriers_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."couriers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courier_events" ADD CONSTRAINT "courier_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courier_events" ADD CONSTRAINT "courier_events_account_id_couriers_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."couriers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courier_events" ADD CONSTRAINT "courier_events_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courier_payouts_items" ADD CONSTRAINT "courier_payouts_items_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courier_payouts_items" ADD CONSTRAINT "courier_payouts_items_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."courier_payouts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "courier_payouts" ADD CONSTRAINT "courier_payouts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courier_payouts" ADD CONSTRAINT "courier_payouts_account_id_couriers_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."couriers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "shipments_history_order_idx" ON "shipments_history" USING btree ("_order");
  CREATE INDEX "shipments_history_parent_id_idx" ON "shipments_history" USING btree ("_parent_id");
  CREATE INDEX "shipments_tenant_idx" ON "shipments" USING btree ("tenant_id");
  CREATE INDEX "shipments_order_idx" ON "shipments" USING btree ("order_id");
  CREATE INDEX "shipments_account_idx" ON "shipments" USING btree ("account_id");
  CREATE INDEX "shipments_booking_state_idx" ON "shipments" USING btree ("booking_state");
  CREATE INDEX "shipments_status_idx" ON "shipments" USING btree ("status");
  CREATE INDEX "shipments_batch_idx" ON "shipments" USING btree ("batch");
  CREATE INDEX "shipments_recipient_recipient_phone_idx" ON "shipments" USING btree ("recipient_phone");
  CREATE INDEX "shipments_updated_at_idx" ON "shipments" USING btree ("updated_at");
  CREATE INDEX "shipments_created_at_idx" ON "shipments" USING btree ("created_at");
  CREATE INDEX "tenant_status_3_idx" ON "shipments" USING btree ("tenant_id","status");
  CREATE INDEX "tenant_createdAt_2_idx" ON "shipments" USING btree ("tenant_id","created_at");
  CREATE INDEX "account_consignmentId_idx" ON "shipments" USING btree ("account_id","consignment_id");
  CREATE INDEX "account_trackingCode_idx" ON "shipments" USING btree ("account_id","tracking_code");
  CREATE INDEX "account_invoice_idx" ON "shipments" USING btree ("account_id","invoice");
  CREATE INDEX "courier_events_tenant_idx" ON "courier_events" USING btree ("tenant_id");
  CREATE INDEX "courier_events_account_idx" ON "courier_events" USING btree ("account_id");
  CREATE INDEX "courier_events_shipment_idx" ON "courier_events" USING btree ("shipment_id");
  CREATE INDEX "courier_events_updated_at_idx" ON "courier_events" USING btree ("updated_at");
  CREATE INDEX "courier_events_created_at_idx" ON "courier_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "account_key_idx" ON "courier_events" USING btree ("account_id","key");
  CREATE INDEX "tenant_state_idx" ON "courier_events" USING btree ("tenant_id","state");
  CREATE INDEX "courier_payouts_items_order_idx" ON "courier_payouts_items" USING btree ("_order");
  CREATE INDEX "courier_payouts_items_parent_id_idx" ON "courier_payouts_items" USING btree ("_parent_id");
  CREATE INDEX "courier_payouts_items_shipment_idx" ON "courier_payouts_items" USING btree ("shipment_id");
  CREATE INDEX "courier_payouts_tenant_idx" ON "courier_payouts" USING btree ("tenant_id");
  CREATE INDEX "courier_payouts_account_idx" ON "courier_payouts" USING btree ("account_id");
  CREATE INDEX "courier_payouts_updated_at_idx" ON "courier_payouts" USING btree ("updated_at");
  CREATE INDEX "courier_payouts_created_at_idx" ON "courier_payouts" USING btree ("created_at");
  CREATE UNIQUE INDEX "account_reference_idx" ON "courier_payouts" USING btree ("account_id","reference");
  CREATE UNIQUE INDEX "couriers_webhook_id_idx" ON "couriers" USING btree ("webhook_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "shipments_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shipments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "courier_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "courier_payouts_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "courier_payouts" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "shipments_history" CASCADE;
  DROP TABLE "shipments" CASCADE;
  DROP TABLE "courier_events" CASCADE;
  DROP TABLE "courier_payouts_items" CASCADE;
  DROP TABLE "courier_payouts" CASCADE;
  ALTER TABLE "tenants_quota_overrides" ALTER COLUMN "limit" SET DATA TYPE text;
  DROP TYPE "public"."enum_tenants_quota_overrides_limit";
  CREATE TYPE "public"."enum_tenants_quota_overrides_limit" AS ENUM('users', 'pages', 'numbers', 'couriers', 'products', 'monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'aiRequestsPerMonth', 'apiRequestsPerMinute');
  ALTER TABLE "tenants_quota_overrides" ALTER COLUMN "limit" SET DATA TYPE "public"."enum_tenants_quota_overrides_limit" USING "limit"::"public"."enum_tenants_quota_overrides_limit";
  ALTER TABLE "usage_counters" ALTER COLUMN "metric" SET DATA TYPE text;
  DROP TYPE "public"."enum_usage_counters_metric";
  CREATE TYPE "public"."enum_usage_counters_metric" AS ENUM('users', 'pages', 'numbers', 'couriers', 'products', 'monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'aiRequestsPerMonth');
  ALTER TABLE "usage_counters" ALTER COLUMN "metric" SET DATA TYPE "public"."enum_usage_counters_metric" USING "metric"::"public"."enum_usage_counters_metric";
  ALTER TABLE "quota_alerts" ALTER COLUMN "limit" SET DATA TYPE text;
  DROP TYPE "public"."enum_quota_alerts_limit";
  CREATE TYPE "public"."enum_quota_alerts_limit" AS ENUM('users', 'pages', 'numbers', 'couriers', 'products', 'monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'aiRequestsPerMonth');
  ALTER TABLE "quota_alerts" ALTER COLUMN "limit" SET DATA TYPE "public"."enum_quota_alerts_limit" USING "limit"::"public"."enum_quota_alerts_limit";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'metaEventSweep', 'metaChannelProof', 'quotaAlertEmail', 'usageSnapshot', 'queueUsageSnapshots');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'metaEventSweep', 'metaChannelProof', 'quotaAlertEmail', 'usageSnapshot', 'queueUsageSnapshots');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "couriers_webhook_id_idx";
  ALTER TABLE "plans" DROP COLUMN "limits_shipments_per_month";
  ALTER TABLE "couriers" DROP COLUMN "store_id";
  ALTER TABLE "couriers" DROP COLUMN "default_weight_grams";
  ALTER TABLE "couriers" DROP COLUMN "pathao_handshake";
  ALTER TABLE "couriers" DROP COLUMN "webhook_id";
  ALTER TABLE "couriers" DROP COLUMN "webhook_secret";
  DROP TYPE "public"."enum_couriers_pathao_handshake";
  DROP TYPE "public"."enum_shipments_history_source";
  DROP TYPE "public"."enum_shipments_history_status";
  DROP TYPE "public"."enum_shipments_provider";
  DROP TYPE "public"."enum_shipments_booking_state";
  DROP TYPE "public"."enum_shipments_status";
  DROP TYPE "public"."enum_shipments_payment_method";
  DROP TYPE "public"."enum_courier_events_provider";
  DROP TYPE "public"."enum_courier_events_kind";
  DROP TYPE "public"."enum_courier_events_state";
  DROP TYPE "public"."enum_courier_payouts_provider";
  DROP TYPE "public"."enum_courier_payouts_source";`)
}
