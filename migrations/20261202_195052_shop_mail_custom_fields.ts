import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_mail_settings_security" AS ENUM('starttls', 'tls', 'none');
  CREATE TYPE "public"."enum_custom_field_definitions_entity" AS ENUM('products', 'customers', 'orders', 'leads');
  CREATE TYPE "public"."enum_custom_field_definitions_type" AS ENUM('text', 'number', 'money', 'date', 'select', 'checkbox', 'url');
  CREATE TABLE "mail_settings" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"enabled" boolean DEFAULT true,
  	"host" varchar NOT NULL,
  	"port" numeric DEFAULT 587 NOT NULL,
  	"security" "enum_mail_settings_security" DEFAULT 'starttls' NOT NULL,
  	"username" varchar,
  	"password" varchar,
  	"password_hint" varchar,
  	"from_address" varchar NOT NULL,
  	"from_name" varchar,
  	"verified_at" timestamp(3) with time zone,
  	"last_tested_at" timestamp(3) with time zone,
  	"last_test_error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "custom_field_definitions_options" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"value" varchar,
  	"label" varchar
  );
  
  CREATE TABLE "custom_field_definitions" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"entity" "enum_custom_field_definitions_entity" NOT NULL,
  	"key" varchar NOT NULL,
  	"label" varchar NOT NULL,
  	"type" "enum_custom_field_definitions_type" DEFAULT 'text' NOT NULL,
  	"required" boolean DEFAULT false,
  	"archived" boolean DEFAULT false,
  	"regex" varchar,
  	"max_length" numeric,
  	"default" jsonb,
  	"description" varchar,
  	"position" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "products" ADD COLUMN "custom_fields" jsonb;
  ALTER TABLE "customers" ADD COLUMN "custom_fields" jsonb;
  ALTER TABLE "orders" ADD COLUMN "custom_fields" jsonb;
  ALTER TABLE "leads" ADD COLUMN "custom_fields" jsonb;
  ALTER TABLE "mail_settings" ADD CONSTRAINT "mail_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "custom_field_definitions_options" ADD CONSTRAINT "custom_field_definitions_options_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."custom_field_definitions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "custom_field_definitions" ADD CONSTRAINT "custom_field_definitions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "mail_settings_tenant_idx" ON "mail_settings" USING btree ("tenant_id");
  CREATE INDEX "mail_settings_updated_at_idx" ON "mail_settings" USING btree ("updated_at");
  CREATE INDEX "mail_settings_created_at_idx" ON "mail_settings" USING btree ("created_at");
  CREATE INDEX "custom_field_definitions_options_order_idx" ON "custom_field_definitions_options" USING btree ("_order");
  CREATE INDEX "custom_field_definitions_options_parent_id_idx" ON "custom_field_definitions_options" USING btree ("_parent_id");
  CREATE INDEX "custom_field_definitions_tenant_idx" ON "custom_field_definitions" USING btree ("tenant_id");
  CREATE INDEX "custom_field_definitions_updated_at_idx" ON "custom_field_definitions" USING btree ("updated_at");
  CREATE INDEX "custom_field_definitions_created_at_idx" ON "custom_field_definitions" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "mail_settings" CASCADE;
  DROP TABLE "custom_field_definitions_options" CASCADE;
  DROP TABLE "custom_field_definitions" CASCADE;
  ALTER TABLE "products" DROP COLUMN "custom_fields";
  ALTER TABLE "customers" DROP COLUMN "custom_fields";
  ALTER TABLE "orders" DROP COLUMN "custom_fields";
  ALTER TABLE "leads" DROP COLUMN "custom_fields";
  DROP TYPE "public"."enum_mail_settings_security";
  DROP TYPE "public"."enum_custom_field_definitions_entity";
  DROP TYPE "public"."enum_custom_field_definitions_type";`)
}
