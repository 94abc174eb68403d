import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_tenants_currency" AS ENUM('BDT', 'USD', 'EUR', 'GBP', 'INR');
  CREATE TYPE "public"."enum_tenants_branding_theme" AS ENUM('light', 'dark', 'auto');
  CREATE TYPE "public"."enum_plans_features" AS ENUM('whatsapp', 'messenger', 'couriers', 'lead-ads', 'ai', 'api-access', 'custom-domain', 'branding');
  CREATE TYPE "public"."enum_plans_currency" AS ENUM('BDT', 'USD', 'EUR', 'GBP', 'INR');
  CREATE TYPE "public"."enum_orders_currency" AS ENUM('BDT', 'USD', 'EUR', 'GBP', 'INR');
  CREATE TYPE "public"."enum_orders_payment_method" AS ENUM('cod', 'prepaid');
  CREATE TYPE "public"."enum_orders_source" AS ENUM('facebook', 'whatsapp', 'storefront', 'manual');
  CREATE TYPE "public"."enum_orders_status" AS ENUM('pending', 'confirmed', 'packed', 'shipped', 'delivered', 'returned', 'cancelled');
  CREATE TYPE "public"."enum_pages_status" AS ENUM('connected', 'disconnected', 'error');
  CREATE TYPE "public"."enum_numbers_status" AS ENUM('connected', 'disconnected', 'error');
  CREATE TYPE "public"."enum_numbers_quality_rating" AS ENUM('GREEN', 'YELLOW', 'RED', 'UNKNOWN');
  CREATE TYPE "public"."enum_numbers_messaging_tier" AS ENUM('TIER_250', 'TIER_1K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED');
  CREATE TYPE "public"."enum_couriers_rate_card_zone" AS ENUM('inside-city', 'sub-city', 'outside-city');
  CREATE TYPE "public"."enum_couriers_provider" AS ENUM('steadfast', 'pathao', 'redx');
  CREATE TYPE "public"."enum_couriers_status" AS ENUM('active', 'disabled', 'error');
  CREATE TYPE "public"."enum_leads_source" AS ENUM('scrape', 'import', 'lead-ad', 'manual');
  CREATE TYPE "public"."enum_leads_status" AS ENUM('new', 'contacted', 'qualified', 'converted', 'lost');
  CREATE TYPE "public"."enum_api_keys_scopes" AS ENUM('catalog:read', 'orders:create', 'customers:create');
  CREATE TABLE "plans_features" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_plans_features",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "plans" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"price_monthly" numeric NOT NULL,
  	"price_yearly" numeric NOT NULL,
  	"currency" "enum_plans_currency" DEFAULT 'BDT' NOT NULL,
  	"limits_users" numeric,
  	"limits_pages" numeric,
  	"limits_numbers" numeric,
  	"limits_couriers" numeric,
  	"limits_products" numeric,
  	"limits_monthly_messages" numeric,
  	"limits_leads_per_month" numeric,
  	"limits_orders_per_month" numeric,
  	"limits_ai_requests_per_month" numeric,
  	"active" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "media" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"alt" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar
  );
  
  CREATE TABLE "products_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"media_id" uuid
  );
  
  CREATE TABLE "customers_addresses" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"line1" varchar NOT NULL,
  	"line2" varchar,
  	"city" varchar NOT NULL,
  	"district" varchar,
  	"postal_code" varchar,
  	"country" varchar DEFAULT 'BD'
  );
  
  CREATE TABLE "customers" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"name" varchar NOT NULL,
  	"phone" varchar NOT NULL,
  	"email" varchar,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "customers_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "orders_items" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"product_id" uuid NOT NULL,
  	"quantity" numeric DEFAULT 1 NOT NULL,
  	"unit_price" numeric
  );
  
  CREATE TABLE "orders" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"number" varchar,
  	"customer_id" uuid NOT NULL,
  	"subtotal" numeric,
  	"shipping" numeric,
  	"discount" numeric,
  	"total" numeric,
  	"currency" "enum_orders_currency" DEFAULT 'BDT',
  	"payment_method" "enum_orders_payment_method" DEFAULT 'cod' NOT NULL,
  	"source" "enum_orders_source" DEFAULT 'manual' NOT NULL,
  	"status" "enum_orders_status" DEFAULT 'pending' NOT NULL,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "pages" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"name" varchar NOT NULL,
  	"page_id" varchar NOT NULL,
  	"access_token" varchar,
  	"access_token_hint" varchar,
  	"status" "enum_pages_status" DEFAULT 'connected' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "numbers" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"phone_number_id" varchar NOT NULL,
  	"display_phone_number" varchar NOT NULL,
  	"waba_id" varchar NOT NULL,
  	"access_token" varchar,
  	"access_token_hint" varchar,
  	"status" "enum_numbers_status" DEFAULT 'connected' NOT NULL,
  	"quality_rating" "enum_numbers_quality_rating" DEFAULT 'UNKNOWN',
  	"messaging_tier" "enum_numbers_messaging_tier",
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "couriers_rate_card" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"zone" "enum_couriers_rate_card_zone" NOT NULL,
  	"max_weight_grams" numeric NOT NULL,
  	"charge" numeric NOT NULL
  );
  
  CREATE TABLE "couriers" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"provider" "enum_couriers_provider" NOT NULL,
  	"label" varchar NOT NULL,
  	"credentials" varchar,
  	"credentials_hint" varchar,
  	"is_default" boolean DEFAULT false,
  	"status" "enum_couriers_status" DEFAULT 'active' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "leads" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"name" varchar NOT NULL,
  	"phone" varchar NOT NULL,
  	"email" varchar,
  	"source" "enum_leads_source" DEFAULT 'manual' NOT NULL,
  	"source_ref" varchar,
  	"status" "enum_leads_status" DEFAULT 'new' NOT NULL,
  	"assigned_to_id" uuid,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "leads_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "api_keys_scopes" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_api_keys_scopes",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "api_keys" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"label" varchar NOT NULL,
  	"key_prefix" varchar,
  	"key_hash" varchar,
  	"last_used_at" timestamp(3) with time zone,
  	"revoked" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "tenants" ADD COLUMN "plan_id" uuid;
  ALTER TABLE "tenants" ADD COLUMN "trial_ends_at" timestamp(3) with time zone;
  ALTER TABLE "tenants" ADD COLUMN "timezone" varchar DEFAULT 'Asia/Dhaka';
  ALTER TABLE "tenants" ADD COLUMN "currency" "enum_tenants_currency" DEFAULT 'BDT';
  ALTER TABLE "tenants" ADD COLUMN "settings" jsonb;
  ALTER TABLE "tenants" ADD COLUMN "branding_logo_id" uuid;
  ALTER TABLE "tenants" ADD COLUMN "branding_primary_color" varchar;
  ALTER TABLE "tenants" ADD COLUMN "branding_secondary_color" varchar;
  ALTER TABLE "tenants" ADD COLUMN "branding_accent_color" varchar;
  ALTER TABLE "tenants" ADD COLUMN "branding_custom_css" varchar;
  ALTER TABLE "tenants" ADD COLUMN "branding_theme" "enum_tenants_branding_theme" DEFAULT 'auto';
  ALTER TABLE "tenants" ADD COLUMN "order_sequence" numeric DEFAULT 0;
  ALTER TABLE "tenants" ADD COLUMN "deleted_at" timestamp(3) with time zone;
  ALTER TABLE "products" ADD COLUMN "compare_at_price" numeric;
  ALTER TABLE "products" ADD COLUMN "description" jsonb;
  ALTER TABLE "products" ADD COLUMN "category" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "plans_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "media_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "customers_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "orders_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "pages_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "numbers_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "couriers_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "leads_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "api_keys_id" uuid;
  ALTER TABLE "plans_features" ADD CONSTRAINT "plans_features_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "media" ADD CONSTRAINT "media_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "products_rels" ADD CONSTRAINT "products_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "products_rels" ADD CONSTRAINT "products_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "customers_addresses" ADD CONSTRAINT "customers_addresses_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "customers_texts" ADD CONSTRAINT "customers_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orders_items" ADD CONSTRAINT "orders_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "orders_items" ADD CONSTRAINT "orders_items_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orders" ADD CONSTRAINT "orders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "pages" ADD CONSTRAINT "pages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "numbers" ADD CONSTRAINT "numbers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "couriers_rate_card" ADD CONSTRAINT "couriers_rate_card_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."couriers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "couriers" ADD CONSTRAINT "couriers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "leads" ADD CONSTRAINT "leads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "leads" ADD CONSTRAINT "leads_assigned_to_id_users_id_fk" FOREIGN KEY ("assigned_to_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "leads_texts" ADD CONSTRAINT "leads_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "api_keys_scopes" ADD CONSTRAINT "api_keys_scopes_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "plans_features_order_idx" ON "plans_features" USING btree ("order");
  CREATE INDEX "plans_features_parent_idx" ON "plans_features" USING btree ("parent_id");
  CREATE UNIQUE INDEX "plans_slug_idx" ON "plans" USING btree ("slug");
  CREATE INDEX "plans_active_idx" ON "plans" USING btree ("active");
  CREATE INDEX "plans_updated_at_idx" ON "plans" USING btree ("updated_at");
  CREATE INDEX "plans_created_at_idx" ON "plans" USING btree ("created_at");
  CREATE INDEX "media_tenant_idx" ON "media" USING btree ("tenant_id");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE INDEX "media_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "media" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "products_rels_order_idx" ON "products_rels" USING btree ("order");
  CREATE INDEX "products_rels_parent_idx" ON "products_rels" USING btree ("parent_id");
  CREATE INDEX "products_rels_path_idx" ON "products_rels" USING btree ("path");
  CREATE INDEX "products_rels_media_id_idx" ON "products_rels" USING btree ("media_id");
  CREATE INDEX "customers_addresses_order_idx" ON "customers_addresses" USING btree ("_order");
  CREATE INDEX "customers_addresses_parent_id_idx" ON "customers_addresses" USING btree ("_parent_id");
  CREATE INDEX "customers_tenant_idx" ON "customers" USING btree ("tenant_id");
  CREATE INDEX "customers_updated_at_idx" ON "customers" USING btree ("updated_at");
  CREATE INDEX "customers_created_at_idx" ON "customers" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_phone_idx" ON "customers" USING btree ("tenant_id","phone");
  CREATE INDEX "customers_texts_order_parent" ON "customers_texts" USING btree ("order","parent_id");
  CREATE INDEX "orders_items_order_idx" ON "orders_items" USING btree ("_order");
  CREATE INDEX "orders_items_parent_id_idx" ON "orders_items" USING btree ("_parent_id");
  CREATE INDEX "orders_items_product_idx" ON "orders_items" USING btree ("product_id");
  CREATE INDEX "orders_tenant_idx" ON "orders" USING btree ("tenant_id");
  CREATE INDEX "orders_number_idx" ON "orders" USING btree ("number");
  CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("customer_id");
  CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status");
  CREATE INDEX "orders_updated_at_idx" ON "orders" USING btree ("updated_at");
  CREATE INDEX "orders_created_at_idx" ON "orders" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_number_idx" ON "orders" USING btree ("tenant_id","number");
  CREATE INDEX "tenant_status_idx" ON "orders" USING btree ("tenant_id","status");
  CREATE INDEX "tenant_createdAt_idx" ON "orders" USING btree ("tenant_id","created_at");
  CREATE INDEX "pages_tenant_idx" ON "pages" USING btree ("tenant_id");
  CREATE UNIQUE INDEX "pages_page_id_idx" ON "pages" USING btree ("page_id");
  CREATE INDEX "pages_updated_at_idx" ON "pages" USING btree ("updated_at");
  CREATE INDEX "pages_created_at_idx" ON "pages" USING btree ("created_at");
  CREATE INDEX "numbers_tenant_idx" ON "numbers" USING btree ("tenant_id");
  CREATE UNIQUE INDEX "numbers_phone_number_id_idx" ON "numbers" USING btree ("phone_number_id");
  CREATE INDEX "numbers_updated_at_idx" ON "numbers" USING btree ("updated_at");
  CREATE INDEX "numbers_created_at_idx" ON "numbers" USING btree ("created_at");
  CREATE INDEX "couriers_rate_card_order_idx" ON "couriers_rate_card" USING btree ("_order");
  CREATE INDEX "couriers_rate_card_parent_id_idx" ON "couriers_rate_card" USING btree ("_parent_id");
  CREATE INDEX "couriers_tenant_idx" ON "couriers" USING btree ("tenant_id");
  CREATE INDEX "couriers_updated_at_idx" ON "couriers" USING btree ("updated_at");
  CREATE INDEX "couriers_created_at_idx" ON "couriers" USING btree ("created_at");
  CREATE INDEX "leads_tenant_idx" ON "leads" USING btree ("tenant_id");
  CREATE INDEX "leads_assigned_to_idx" ON "leads" USING btree ("assigned_to_id");
  CREATE INDEX "leads_updated_at_idx" ON "leads" USING btree ("updated_at");
  CREATE INDEX "leads_created_at_idx" ON "leads" USING btree ("created_at");
  CREATE UNIQUE INDEX "tenant_phone_1_idx" ON "leads" USING btree ("tenant_id","phone");
  CREATE INDEX "tenant_status_1_idx" ON "leads" USING btree ("tenant_id","status");
  CREATE INDEX "leads_texts_order_parent" ON "leads_texts" USING btree ("order","parent_id");
  CREATE INDEX "api_keys_scopes_order_idx" ON "api_keys_scopes" USING btree ("order");
  CREATE INDEX "api_keys_scopes_parent_idx" ON "api_keys_scopes" USING btree ("parent_id");
  CREATE INDEX "api_keys_tenant_idx" ON "api_keys" USING btree ("tenant_id");
  CREATE INDEX "api_keys_key_prefix_idx" ON "api_keys" USING btree ("key_prefix");
  CREATE UNIQUE INDEX "api_keys_key_hash_idx" ON "api_keys" USING btree ("key_hash");
  CREATE INDEX "api_keys_revoked_idx" ON "api_keys" USING btree ("revoked");
  CREATE INDEX "api_keys_updated_at_idx" ON "api_keys" USING btree ("updated_at");
  CREATE INDEX "api_keys_created_at_idx" ON "api_keys" USING btree ("created_at");
  ALTER TABLE "tenants" ADD CONSTRAINT "tenants_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tenants" ADD CONSTRAINT "tenants_branding_logo_id_media_id_fk" FOREIGN KEY ("branding_logo_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_plans_fk" FOREIGN KEY ("plans_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_customers_fk" FOREIGN KEY ("customers_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_orders_fk" FOREIGN KEY ("orders_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_pages_fk" FOREIGN KEY ("pages_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_numbers_fk" FOREIGN KEY ("numbers_id") REFERENCES "public"."numbers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_couriers_fk" FOREIGN KEY ("couriers_id") REFERENCES "public"."couriers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_leads_fk" FOREIGN KEY ("leads_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_api_keys_fk" FOREIGN KEY ("api_keys_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "tenants_domains_domain_idx" ON "tenants_domains" USING btree ("domain");
  CREATE INDEX "tenants_plan_idx" ON "tenants" USING btree ("plan_id");
  CREATE INDEX "tenants_branding_branding_logo_idx" ON "tenants" USING btree ("branding_logo_id");
  CREATE INDEX "tenants_deleted_at_idx" ON "tenants" USING btree ("deleted_at");
  CREATE INDEX "products_category_idx" ON "products" USING btree ("category");
  CREATE INDEX "payload_locked_documents_rels_plans_id_idx" ON "payload_locked_documents_rels" USING btree ("plans_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");
  CREATE INDEX "payload_locked_documents_rels_customers_id_idx" ON "payload_locked_documents_rels" USING btree ("customers_id");
  CREATE INDEX "payload_locked_documents_rels_orders_id_idx" ON "payload_locked_documents_rels" USING btree ("orders_id");
  CREATE INDEX "payload_locked_documents_rels_pages_id_idx" ON "payload_locked_documents_rels" USING btree ("pages_id");
  CREATE INDEX "payload_locked_documents_rels_numbers_id_idx" ON "payload_locked_documents_rels" USING btree ("numbers_id");
  CREATE INDEX "payload_locked_documents_rels_couriers_id_idx" ON "payload_locked_documents_rels" USING btree ("couriers_id");
  CREATE INDEX "payload_locked_documents_rels_leads_id_idx" ON "payload_locked_documents_rels" USING btree ("leads_id");
  CREATE INDEX "payload_locked_documents_rels_api_keys_id_idx" ON "payload_locked_documents_rels" USING btree ("api_keys_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "plans_features" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "plans" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "media" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "products_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "customers_addresses" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "customers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "customers_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "orders_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "orders" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "pages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "numbers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "couriers_rate_card" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "couriers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "leads" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "leads_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "api_keys_scopes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "api_keys" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "plans_features" CASCADE;
  DROP TABLE "plans" CASCADE;
  DROP TABLE "media" CASCADE;
  DROP TABLE "products_rels" CASCADE;
  DROP TABLE "customers_addresses" CASCADE;
  DROP TABLE "customers" CASCADE;
  DROP TABLE "customers_texts" CASCADE;
  DROP TABLE "orders_items" CASCADE;
  DROP TABLE "orders" CASCADE;
  DROP TABLE "pages" CASCADE;
  DROP TABLE "numbers" CASCADE;
  DROP TABLE "couriers_rate_card" CASCADE;
  DROP TABLE "couriers" CASCADE;
  DROP TABLE "leads" CASCADE;
  DROP TABLE "leads_texts" CASCADE;
  DROP TABLE "api_keys_scopes" CASCADE;
  DROP TABLE "api_keys" CASCADE;
  ALTER TABLE "tenants" DROP CONSTRAINT "tenants_plan_id_plans_id_fk";
  
  ALTER TABLE "tenants" DROP CONSTRAINT "tenants_branding_logo_id_media_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_plans_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_media_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_customers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_orders_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_pages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_numbers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_couriers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_leads_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_api_keys_fk";
  
  DROP INDEX "tenants_domains_domain_idx";
  DROP INDEX "tenants_plan_idx";
  DROP INDEX "tenants_branding_branding_logo_idx";
  DROP INDEX "tenants_deleted_at_idx";
  DROP INDEX "products_category_idx";
  DROP INDEX "payload_locked_documents_rels_plans_id_idx";
  DROP INDEX "payload_locked_documents_rels_media_id_idx";
  DROP INDEX "payload_locked_documents_rels_customers_id_idx";
  DROP INDEX "payload_locked_documents_rels_orders_id_idx";
  DROP INDEX "payload_locked_documents_rels_pages_id_idx";
  DROP INDEX "payload_locked_documents_rels_numbers_id_idx";
  DROP INDEX "payload_locked_documents_rels_couriers_id_idx";
  DROP INDEX "payload_locked_documents_rels_leads_id_idx";
  DROP INDEX "payload_locked_documents_rels_api_keys_id_idx";
  ALTER TABLE "tenants" DROP COLUMN "plan_id";
  ALTER TABLE "tenants" DROP COLUMN "trial_ends_at";
  ALTER TABLE "tenants" DROP COLUMN "timezone";
  ALTER TABLE "tenants" DROP COLUMN "currency";
  ALTER TABLE "tenants" DROP COLUMN "settings";
  ALTER TABLE "tenants" DROP COLUMN "branding_logo_id";
  ALTER TABLE "tenants" DROP COLUMN "branding_primary_color";
  ALTER TABLE "tenants" DROP COLUMN "branding_secondary_color";
  ALTER TABLE "tenants" DROP COLUMN "branding_accent_color";
  ALTER TABLE "tenants" DROP COLUMN "branding_custom_css";
  ALTER TABLE "tenants" DROP COLUMN "branding_theme";
  ALTER TABLE "tenants" DROP COLUMN "order_sequence";
  ALTER TABLE "tenants" DROP COLUMN "deleted_at";
  ALTER TABLE "products" DROP COLUMN "compare_at_price";
  ALTER TABLE "products" DROP COLUMN "description";
  ALTER TABLE "products" DROP COLUMN "category";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "plans_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "media_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "customers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "orders_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "pages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "numbers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "couriers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "leads_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "api_keys_id";
  DROP TYPE "public"."enum_tenants_currency";
  DROP TYPE "public"."enum_tenants_branding_theme";
  DROP TYPE "public"."enum_plans_features";
  DROP TYPE "public"."enum_plans_currency";
  DROP TYPE "public"."enum_orders_currency";
  DROP TYPE "public"."enum_orders_payment_method";
  DROP TYPE "public"."enum_orders_source";
  DROP TYPE "public"."enum_orders_status";
  DROP TYPE "public"."enum_pages_status";
  DROP TYPE "public"."enum_numbers_status";
  DROP TYPE "public"."enum_numbers_quality_rating";
  DROP TYPE "public"."enum_numbers_messaging_tier";
  DROP TYPE "public"."enum_couriers_rate_card_zone";
  DROP TYPE "public"."enum_couriers_provider";
  DROP TYPE "public"."enum_couriers_status";
  DROP TYPE "public"."enum_leads_source";
  DROP TYPE "public"."enum_leads_status";
  DROP TYPE "public"."enum_api_keys_scopes";`)
}
