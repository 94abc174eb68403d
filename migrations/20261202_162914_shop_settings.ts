import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_shop_settings_branding_theme" AS ENUM('light', 'dark', 'auto');
  CREATE TYPE "public"."enum__shop_settings_v_version_branding_theme" AS ENUM('light', 'dark', 'auto');
  CREATE TABLE "shop_settings" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid,
  	"config" jsonb,
  	"branding_logo_id" uuid,
  	"branding_icon_id" uuid,
  	"branding_primary_color" varchar,
  	"branding_secondary_color" varchar,
  	"branding_accent_color" varchar,
  	"branding_theme" "enum_shop_settings_branding_theme" DEFAULT 'auto',
  	"branding_title_suffix" varchar,
  	"branding_custom_css" varchar,
  	"branding_sender_name" varchar,
  	"branding_support_email" varchar,
  	"branding_email_footer" varchar,
  	"note" varchar,
  	"changed_by" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "_shop_settings_v" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"parent_id" uuid,
  	"version_tenant_id" uuid,
  	"version_config" jsonb,
  	"version_branding_logo_id" uuid,
  	"version_branding_icon_id" uuid,
  	"version_branding_primary_color" varchar,
  	"version_branding_secondary_color" varchar,
  	"version_branding_accent_color" varchar,
  	"version_branding_theme" "enum__shop_settings_v_version_branding_theme" DEFAULT 'auto',
  	"version_branding_title_suffix" varchar,
  	"version_branding_custom_css" varchar,
  	"version_branding_sender_name" varchar,
  	"version_branding_support_email" varchar,
  	"version_branding_email_footer" varchar,
  	"version_note" varchar,
  	"version_changed_by" varchar,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "shop_settings" ADD CONSTRAINT "shop_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "shop_settings" ADD CONSTRAINT "shop_settings_branding_logo_id_media_id_fk" FOREIGN KEY ("branding_logo_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "shop_settings" ADD CONSTRAINT "shop_settings_branding_icon_id_media_id_fk" FOREIGN KEY ("branding_icon_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_shop_settings_v" ADD CONSTRAINT "_shop_settings_v_parent_id_shop_settings_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."shop_settings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_shop_settings_v" ADD CONSTRAINT "_shop_settings_v_version_tenant_id_tenants_id_fk" FOREIGN KEY ("version_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_shop_settings_v" ADD CONSTRAINT "_shop_settings_v_version_branding_logo_id_media_id_fk" FOREIGN KEY ("version_branding_logo_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_shop_settings_v" ADD CONSTRAINT "_shop_settings_v_version_branding_icon_id_media_id_fk" FOREIGN KEY ("version_branding_icon_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "shop_settings_tenant_idx" ON "shop_settings" USING btree ("tenant_id");
  CREATE INDEX "shop_settings_branding_branding_logo_idx" ON "shop_settings" USING btree ("branding_logo_id");
  CREATE INDEX "shop_settings_branding_branding_icon_idx" ON "shop_settings" USING btree ("branding_icon_id");
  CREATE INDEX "shop_settings_updated_at_idx" ON "shop_settings" USING btree ("updated_at");
  CREATE INDEX "shop_settings_created_at_idx" ON "shop_settings" USING btree ("created_at");
  CREATE INDEX "_shop_settings_v_parent_idx" ON "_shop_settings_v" USING btree ("parent_id");
  CREATE INDEX "_shop_settings_v_version_version_tenant_idx" ON "_shop_settings_v" USING btree ("version_tenant_id");
  CREATE INDEX "_shop_settings_v_version_branding_version_branding_logo_idx" ON "_shop_settings_v" USING btree ("version_branding_logo_id");
  CREATE INDEX "_shop_settings_v_version_branding_version_branding_icon_idx" ON "_shop_settings_v" USING btree ("version_branding_icon_id");
  CREATE INDEX "_shop_settings_v_version_version_updated_at_idx" ON "_shop_settings_v" USING btree ("version_updated_at");
  CREATE INDEX "_shop_settings_v_version_version_created_at_idx" ON "_shop_settings_v" USING btree ("version_created_at");
  CREATE INDEX "_shop_settings_v_created_at_idx" ON "_shop_settings_v" USING btree ("created_at");
  CREATE INDEX "_shop_settings_v_updated_at_idx" ON "_shop_settings_v" USING btree ("updated_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "shop_settings" CASCADE;
  DROP TABLE "_shop_settings_v" CASCADE;
  DROP TYPE "public"."enum_shop_settings_branding_theme";
  DROP TYPE "public"."enum__shop_settings_v_version_branding_theme";`)
}
