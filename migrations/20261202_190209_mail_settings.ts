import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_mail_settings_security" AS ENUM('starttls', 'tls', 'none');
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
  
  ALTER TABLE "mail_settings" ADD CONSTRAINT "mail_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "mail_settings_tenant_idx" ON "mail_settings" USING btree ("tenant_id");
  CREATE INDEX "mail_settings_updated_at_idx" ON "mail_settings" USING btree ("updated_at");
  CREATE INDEX "mail_settings_created_at_idx" ON "mail_settings" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "mail_settings" CASCADE;
  DROP TYPE "public"."enum_mail_settings_security";`)
}
