import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_report_settings_export_roles" AS ENUM('tenant-admin', 'marketing-manager', 'sales-operator', 'support-agent');
  CREATE TABLE "report_settings_export_roles" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_report_settings_export_roles",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "report_settings" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "report_settings_export_roles" ADD CONSTRAINT "report_settings_export_roles_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."report_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "report_settings_export_roles_order_idx" ON "report_settings_export_roles" USING btree ("order");
  CREATE INDEX "report_settings_export_roles_parent_idx" ON "report_settings_export_roles" USING btree ("parent_id");
  CREATE INDEX "report_settings_tenant_idx" ON "report_settings" USING btree ("tenant_id");
  CREATE INDEX "report_settings_updated_at_idx" ON "report_settings" USING btree ("updated_at");
  CREATE INDEX "report_settings_created_at_idx" ON "report_settings" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "report_settings_export_roles" CASCADE;
  DROP TABLE "report_settings" CASCADE;
  DROP TYPE "public"."enum_report_settings_export_roles";`)
}
