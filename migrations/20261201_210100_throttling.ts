import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Throttling (src/ratelimit): the plan limit `apiRequestsPerMinute` (and its override), the audit
 * action `rate-limited`, an API key's own `requestsPerMinute`, and `orders.quota_counted`.
 * Orders that exist already were counted when they were created (the rule before this one), so
 * they get `true`; new rows default to false and collections/Orders/hooks/countDeferredOrder.ts
 * decides.
 */
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_tenants_quota_overrides_limit" ADD VALUE 'apiRequestsPerMinute';
  ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'rate-limited';
  ALTER TABLE "plans" ADD COLUMN "limits_api_requests_per_minute" numeric;
  ALTER TABLE "orders" ADD COLUMN "quota_counted" boolean DEFAULT true;
  ALTER TABLE "orders" ALTER COLUMN "quota_counted" SET DEFAULT false;
  ALTER TABLE "api_keys" ADD COLUMN "requests_per_minute" numeric;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "tenants_quota_overrides" ALTER COLUMN "limit" SET DATA TYPE text;
  DROP TYPE "public"."enum_tenants_quota_overrides_limit";
  CREATE TYPE "public"."enum_tenants_quota_overrides_limit" AS ENUM('users', 'pages', 'numbers', 'couriers', 'products', 'monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'aiRequestsPerMonth');
  ALTER TABLE "tenants_quota_overrides" ALTER COLUMN "limit" SET DATA TYPE "public"."enum_tenants_quota_overrides_limit" USING "limit"::"public"."enum_tenants_quota_overrides_limit";
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_logs_action";
  CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('create', 'update', 'delete', 'login', 'login-failed', 'read-across-tenants', 'export', 'suspend', 'reactivate', 'soft-delete', 'restore');
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_logs_action" USING "action"::"public"."enum_audit_logs_action";
  ALTER TABLE "plans" DROP COLUMN "limits_api_requests_per_minute";
  ALTER TABLE "orders" DROP COLUMN "quota_counted";
  ALTER TABLE "api_keys" DROP COLUMN "requests_per_minute";`)
}
