import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The courier plugin's database rules (issue 16). Written by hand: Payload generates neither
 * partial indexes nor functions nor policies.
 * - One active shipment per order: a partial unique index, so two bookings of one order (a double
 *   click, two staff, two instances) can never both be queued; the second gets "already booked".
 * - courier_webhook_account(webhook_id): a webhook names its courier account by the account's
 *   webhook id (not its document id); this SECURITY DEFINER lookup answers that one account's
 *   routing facts (tenant, provider, encrypted secret, Pathao handshake mode, status) with the
 *   bypass on for its own duration only, so the webhook needs no tenant context and no general
 *   bypass. EXECUTE is revoked from PUBLIC and granted to the app roles (src/db/roles.ts).
 * - Row-level security on the new tenant tables and their sub-tables (app_rls_protect_all).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create unique index shipments_one_active_per_order on shipments (tenant_id, order_id) where active;
    create index shipments_recipient_phone_idx on shipments (tenant_id, recipient_phone);
  `)
  await db.execute(sql`
    create or replace function courier_webhook_account(p_webhook_id uuid)
    returns table(account_id uuid, tenant_id uuid, provider text, webhook_secret text, pathao_handshake text, status text)
    language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
      select c.id, c.tenant_id, c.provider::text, c.webhook_secret, c.pathao_handshake::text, c.status::text
      from couriers c where c.webhook_id = p_webhook_id::text and c.tenant_id is not null limit 1
    $$`)
  await db.execute(sql`revoke execute on function courier_webhook_account(uuid) from public`)
  await db.execute(sql`select app_rls_protect_all()`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop function if exists courier_webhook_account(uuid);
    drop index if exists shipments_one_active_per_order;
    drop index if exists shipments_recipient_phone_idx;
  `)
}
