import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_plans_overage_metric" AS ENUM('monthlyMessages', 'aiRequestsPerMonth', 'shipmentsPerMonth');
  CREATE TYPE "public"."enum_subscriptions_status" AS ENUM('none', 'incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused', 'comped');
  CREATE TYPE "public"."enum_subscriptions_interval" AS ENUM('month', 'year');
  CREATE TYPE "public"."enum_invoices_status" AS ENUM('draft', 'open', 'paid', 'uncollectible', 'void');
  CREATE TYPE "public"."enum_billing_events_state" AS ENUM('pending', 'done', 'failed');
  CREATE TYPE "public"."enum_meter_pushes_metric" AS ENUM('monthlyMessages', 'aiRequestsPerMonth', 'shipmentsPerMonth');
  CREATE TYPE "public"."enum_meter_pushes_state" AS ENUM('pending', 'sent', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'billingProcessEvents' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'billingGraceCheck' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'billingMeterPush' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'billingSyncPrices' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'billingProcessEvents' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'billingGraceCheck' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'billingMeterPush' BEFORE 'quotaAlertEmail';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'billingSyncPrices' BEFORE 'quotaAlertEmail';
  CREATE TABLE "plans_overage" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"metric" "enum_plans_overage_metric" NOT NULL,
  	"unit_price" numeric NOT NULL,
  	"meter_id" varchar,
  	"price_id" varchar,
  	"synced_unit_price" numeric
  );
  
  CREATE TABLE "subscriptions" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"status" "enum_subscriptions_status" DEFAULT 'none' NOT NULL,
  	"plan_id" uuid,
  	"interval" "enum_subscriptions_interval",
  	"stripe_customer_id" varchar,
  	"stripe_subscription_id" varchar,
  	"stripe_price_id" varchar,
  	"current_period_start" timestamp(3) with time zone,
  	"current_period_end" timestamp(3) with time zone,
  	"cancel_at_period_end" boolean DEFAULT false,
  	"trial_end" timestamp(3) with time zone,
  	"payment_failing" boolean DEFAULT false,
  	"past_due_since" timestamp(3) with time zone,
  	"grace_ends_at" timestamp(3) with time zone,
  	"latest_invoice" varchar,
  	"last_event_at" numeric,
  	"comped_until" timestamp(3) with time zone,
  	"comp_reason" varchar,
  	"amount" numeric,
  	"currency" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "invoices" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"stripe_invoice_id" varchar NOT NULL,
  	"number" varchar,
  	"status" "enum_invoices_status",
  	"amount_due" numeric,
  	"amount_paid" numeric,
  	"currency" varchar,
  	"billing_reason" varchar,
  	"period_start" timestamp(3) with time zone,
  	"period_end" timestamp(3) with time zone,
  	"attempt_count" numeric,
  	"hosted_url" varchar,
  	"pdf_url" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "billing_events" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"event_id" varchar NOT NULL,
  	"type" varchar NOT NULL,
  	"stripe_created" numeric NOT NULL,
  	"state" "enum_billing_events_state" DEFAULT 'pending' NOT NULL,
  	"attempts" numeric DEFAULT 0,
  	"error" varchar,
  	"payload" jsonb NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "meter_pushes" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"identifier" varchar NOT NULL,
  	"metric" "enum_meter_pushes_metric" NOT NULL,
  	"period" varchar NOT NULL,
  	"hour" timestamp(3) with time zone NOT NULL,
  	"value" numeric NOT NULL,
  	"state" "enum_meter_pushes_state" DEFAULT 'pending' NOT NULL,
  	"error" varchar,
  	"sent_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "plans" ADD COLUMN "stripe_product_id" varchar;
  ALTER TABLE "plans" ADD COLUMN "stripe_monthly_price_id" varchar;
  ALTER TABLE "plans" ADD COLUMN "stripe_monthly_amount" numeric;
  ALTER TABLE "plans" ADD COLUMN "stripe_yearly_price_id" varchar;
  ALTER TABLE "plans" ADD COLUMN "stripe_yearly_amount" numeric;
  ALTER TABLE "plans" ADD COLUMN "stripe_currency" varchar;
  ALTER TABLE "plans" ADD COLUMN "stripe_synced_at" timestamp(3) with time zone;
  ALTER TABLE "plans_overage" ADD CONSTRAINT "plans_overage_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "billing_events" ADD CONSTRAINT "billing_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "meter_pushes" ADD CONSTRAINT "meter_pushes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "plans_overage_order_idx" ON "plans_overage" USING btree ("_order");
  CREATE INDEX "plans_overage_parent_id_idx" ON "plans_overage" USING btree ("_parent_id");
  CREATE INDEX "subscriptions_tenant_idx" ON "subscriptions" USING btree ("tenant_id");
  CREATE INDEX "subscriptions_status_idx" ON "subscriptions" USING btree ("status");
  CREATE INDEX "subscriptions_plan_idx" ON "subscriptions" USING btree ("plan_id");
  CREATE UNIQUE INDEX "subscriptions_stripe_customer_id_idx" ON "subscriptions" USING btree ("stripe_customer_id");
  CREATE UNIQUE INDEX "subscriptions_stripe_subscription_id_idx" ON "subscriptions" USING btree ("stripe_subscription_id");
  CREATE INDEX "subscriptions_updated_at_idx" ON "subscriptions" USING btree ("updated_at");
  CREATE INDEX "subscriptions_created_at_idx" ON "subscriptions" USING btree ("created_at");
  CREATE INDEX "invoices_tenant_idx" ON "invoices" USING btree ("tenant_id");
  CREATE UNIQUE INDEX "invoices_stripe_invoice_id_idx" ON "invoices" USING btree ("stripe_invoice_id");
  CREATE INDEX "invoices_status_idx" ON "invoices" USING btree ("status");
  CREATE INDEX "invoices_updated_at_idx" ON "invoices" USING btree ("updated_at");
  CREATE INDEX "invoices_created_at_idx" ON "invoices" USING btree ("created_at");
  CREATE INDEX "billing_events_tenant_idx" ON "billing_events" USING btree ("tenant_id");
  CREATE UNIQUE INDEX "billing_events_event_id_idx" ON "billing_events" USING btree ("event_id");
  CREATE INDEX "billing_events_type_idx" ON "billing_events" USING btree ("type");
  CREATE INDEX "billing_events_state_idx" ON "billing_events" USING btree ("state");
  CREATE INDEX "billing_events_updated_at_idx" ON "billing_events" USING btree ("updated_at");
  CREATE INDEX "billing_events_created_at_idx" ON "billing_events" USING btree ("created_at");
  CREATE INDEX "meter_pushes_tenant_idx" ON "meter_pushes" USING btree ("tenant_id");
  CREATE UNIQUE INDEX "meter_pushes_identifier_idx" ON "meter_pushes" USING btree ("identifier");
  CREATE INDEX "meter_pushes_period_idx" ON "meter_pushes" USING btree ("period");
  CREATE INDEX "meter_pushes_updated_at_idx" ON "meter_pushes" USING btree ("updated_at");
  CREATE INDEX "meter_pushes_created_at_idx" ON "meter_pushes" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "plans_overage" CASCADE;
  DROP TABLE "subscriptions" CASCADE;
  DROP TABLE "invoices" CASCADE;
  DROP TABLE "billing_events" CASCADE;
  DROP TABLE "meter_pushes" CASCADE;
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'metaEventSweep', 'metaChannelProof', 'courierBook', 'courierProcessEvents', 'courierPoll', 'courierQueuePolls', 'courierPayoutSync', 'courierQueuePayoutSyncs', 'quotaAlertEmail', 'usageSnapshot', 'queueUsageSnapshots');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'auditPurge', 'tenantPurge', 'queueTenantPurges', 'trialCheck', 'queueTrialChecks', 'tenantExport', 'metaProcessEvents', 'metaSendMessage', 'metaEventSweep', 'metaChannelProof', 'courierBook', 'courierProcessEvents', 'courierPoll', 'courierQueuePolls', 'courierPayoutSync', 'courierQueuePayoutSyncs', 'quotaAlertEmail', 'usageSnapshot', 'queueUsageSnapshots');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "plans" DROP COLUMN "stripe_product_id";
  ALTER TABLE "plans" DROP COLUMN "stripe_monthly_price_id";
  ALTER TABLE "plans" DROP COLUMN "stripe_monthly_amount";
  ALTER TABLE "plans" DROP COLUMN "stripe_yearly_price_id";
  ALTER TABLE "plans" DROP COLUMN "stripe_yearly_amount";
  ALTER TABLE "plans" DROP COLUMN "stripe_currency";
  ALTER TABLE "plans" DROP COLUMN "stripe_synced_at";
  DROP TYPE "public"."enum_plans_overage_metric";
  DROP TYPE "public"."enum_subscriptions_status";
  DROP TYPE "public"."enum_subscriptions_interval";
  DROP TYPE "public"."enum_invoices_status";
  DROP TYPE "public"."enum_billing_events_state";
  DROP TYPE "public"."enum_meter_pushes_metric";
  DROP TYPE "public"."enum_meter_pushes_state";`)
}
