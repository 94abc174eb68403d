import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The billing plugin's database rules (issue 17), by hand (Payload generates no functions or policies):
 * - billing_customer_tenant(customer): a Stripe webhook names a customer, not a shop; this
 *   SECURITY DEFINER lookup answers the one shop that customer was created for, with the bypass
 *   on for its own duration only, so the webhook needs no tenant context and no general bypass.
 *   EXECUTE is revoked from PUBLIC and granted to the app roles (src/db/roles.ts).
 * - Row-level security on the new tenant tables and their sub-tables (app_rls_protect_all).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create or replace function billing_customer_tenant(p_customer text)
    returns uuid
    language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
      select s.tenant_id from subscriptions s where s.stripe_customer_id = p_customer and s.tenant_id is not null limit 1
    $$`)
  await db.execute(sql`revoke execute on function billing_customer_tenant(text) from public`)
  await db.execute(sql`select app_rls_protect_all()`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`drop function if exists billing_customer_tenant(text)`)
}
