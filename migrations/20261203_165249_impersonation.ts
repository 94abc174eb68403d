import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_impersonation_grants_status" AS ENUM('requested', 'approved', 'denied', 'active', 'ended', 'expired');
  CREATE TYPE "public"."enum_impersonation_grants_break_glass_basis" AS ENUM('suspended', 'abandoned');
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'impersonation';
  CREATE TABLE "impersonation_grants" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"tenant_id" uuid NOT NULL,
  	"target_user_id" uuid NOT NULL,
  	"requester_id" uuid NOT NULL,
  	"reason" varchar NOT NULL,
  	"status" "enum_impersonation_grants_status" DEFAULT 'requested' NOT NULL,
  	"read_only" boolean DEFAULT true,
  	"minutes" numeric NOT NULL,
  	"break_glass" boolean DEFAULT false,
  	"break_glass_basis" "enum_impersonation_grants_break_glass_basis",
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"decided_by_id" uuid,
  	"decided_at" timestamp(3) with time zone,
  	"started_at" timestamp(3) with time zone,
  	"ended_at" timestamp(3) with time zone,
  	"token_hash" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "audit_logs" ADD COLUMN "impersonator_id" uuid;
  ALTER TABLE "audit_logs" ADD COLUMN "impersonator_label" varchar;
  ALTER TABLE "impersonation_grants" ADD CONSTRAINT "impersonation_grants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "impersonation_grants" ADD CONSTRAINT "impersonation_grants_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "impersonation_grants" ADD CONSTRAINT "impersonation_grants_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "impersonation_grants" ADD CONSTRAINT "impersonation_grants_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "impersonation_grants_tenant_idx" ON "impersonation_grants" USING btree ("tenant_id");
  CREATE INDEX "impersonation_grants_target_user_idx" ON "impersonation_grants" USING btree ("target_user_id");
  CREATE INDEX "impersonation_grants_requester_idx" ON "impersonation_grants" USING btree ("requester_id");
  CREATE INDEX "impersonation_grants_status_idx" ON "impersonation_grants" USING btree ("status");
  CREATE INDEX "impersonation_grants_decided_by_idx" ON "impersonation_grants" USING btree ("decided_by_id");
  CREATE INDEX "impersonation_grants_token_hash_idx" ON "impersonation_grants" USING btree ("token_hash");
  CREATE INDEX "impersonation_grants_updated_at_idx" ON "impersonation_grants" USING btree ("updated_at");
  CREATE INDEX "impersonation_grants_created_at_idx" ON "impersonation_grants" USING btree ("created_at");
  CREATE INDEX "tenant_status_4_idx" ON "impersonation_grants" USING btree ("tenant_id","status");
  ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_impersonator_id_users_id_fk" FOREIGN KEY ("impersonator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "audit_logs_impersonator_idx" ON "audit_logs" USING btree ("impersonator_id");`)
  // impersonation_grants is tenant-owned: row-level security like every tenant table.
  await db.execute(sql`select app_rls_protect_all()`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "impersonation_grants" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "impersonation_grants" CASCADE;
  ALTER TABLE "audit_logs" DROP CONSTRAINT "audit_logs_impersonator_id_users_id_fk";
  
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_logs_action";
  CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('create', 'update', 'delete', 'login', 'login-failed', 'read-across-tenants', 'export', 'suspend', 'reactivate', 'soft-delete', 'restore', 'rate-limited');
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_logs_action" USING "action"::"public"."enum_audit_logs_action";
  DROP INDEX "audit_logs_impersonator_idx";
  ALTER TABLE "audit_logs" DROP COLUMN "impersonator_id";
  ALTER TABLE "audit_logs" DROP COLUMN "impersonator_label";
  DROP TYPE "public"."enum_impersonation_grants_status";
  DROP TYPE "public"."enum_impersonation_grants_break_glass_basis";`)
}
