import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Hand-written half of the Meta channel proof (plugins/meta/README.md, "Proof"); the generated
 * half (20261201_220000_meta_channel_proof) added `verified_at`, the `unverified` status and the
 * per-tenant unique indexes; `unverified` becomes the default here. Separate because PostgreSQL lets no transaction use an enum value
 * it added itself, and every migration is one transaction.
 *
 * - Nothing that exists was proven: every page and number starts unverified, with no check
 *   recorded (the plugin proves it on "Test connection" or on its next change).
 * - Across tenants, one verified holder per page id and phone number id (partial unique
 *   indexes), and a WABA's verified numbers all in one tenant (an exclusion constraint, which
 *   needs btree_gist — a trusted extension the database owner may create).
 * - meta_store_events() routes only to verified pages and numbers (and WABA events only to the
 *   tenant whose verified number is in the WABA); an event for an unverified one is unknown.
 * - meta_channel_taken() answers, across tenants, which id of a page or number is already held.
 * CREATE OR REPLACE keeps the functions' grants; none are changed here.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    alter table pages alter column status set default 'unverified';
    alter table numbers alter column status set default 'unverified';
    update pages set status = 'unverified', verified_at = null, connection_checked_at = null, connection_ok = null,
      connection_message = 'Not proven yet: press “Test connection” — nothing is received until Meta confirms the token controls this page.';
    update numbers set status = 'unverified', verified_at = null, connection_checked_at = null, connection_ok = null,
      connection_message = 'Not proven yet: press “Test connection” — nothing is received until Meta confirms the token controls this number and its WABA.';
    create unique index pages_verified_page_id_idx on pages using btree (page_id) where verified_at is not null;
    create unique index numbers_verified_phone_number_id_idx on numbers using btree (phone_number_id) where verified_at is not null;
    create extension if not exists btree_gist;
    alter table numbers add constraint numbers_verified_waba_one_tenant
      exclude using gist (waba_id with =, tenant_id with <>) where (verified_at is not null);
  `)
  await db.execute(sql`
    create or replace function meta_store_events(events jsonb)
    returns table(idx integer, tenant_id uuid, stored boolean)
    language sql volatile security definer set search_path = public set app.bypass_rls = 'on' as $$
      with e as (
        select x.* from jsonb_to_recordset(events) as x(idx integer, target text, external_id text, kind text, event_key text, payload jsonb)
      ), owners as (
        select e.*, o.tenant_id, o.channel_id,
               row_number() over (partition by o.tenant_id, e.event_key order by e.idx) as nth
        from e
        join lateral (
          select n.tenant_id, n.id as channel_id from numbers n where e.target = 'number' and n.phone_number_id = e.external_id and n.verified_at is not null
          union all
          select p.tenant_id, p.id from pages p where e.target = 'page' and p.page_id = e.external_id and p.verified_at is not null
          union all
          (select distinct on (n.tenant_id) n.tenant_id, n.id from numbers n
            where e.target = 'waba' and n.waba_id = e.external_id and n.verified_at is not null order by n.tenant_id, n.created_at)
        ) o on o.tenant_id is not null
      ), ins as (
        insert into meta_events (tenant_id, kind, external_id, event_key, payload, status, attempts)
        select tenant_id, kind::enum_meta_events_kind, external_id, event_key, payload || jsonb_build_object('channelId', channel_id), 'pending', 0
        from owners where nth = 1 order by idx
        on conflict (tenant_id, event_key) do nothing
        returning meta_events.tenant_id, meta_events.event_key
      )
      select o.idx, o.tenant_id, o.nth = 1 and exists (select 1 from ins where ins.tenant_id = o.tenant_id and ins.event_key = o.event_key)
        from owners o
      union all
      select e.idx, null::uuid, false from e where not exists (select 1 from owners o where o.idx = e.idx)
    $$`)
  // Which id is already held: 'page' / 'number' — another row with it that is verified (any
  // tenant) or is in p_tenant; 'waba' — a verified number of another tenant in that WABA; null
  // when free. It names no tenant and returns nothing else.
  await db.execute(sql`
    create or replace function meta_channel_taken(p_kind text, p_external_id text, p_waba_id text, p_tenant uuid, p_self uuid)
    returns text
    language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
      select case
        when p_kind = 'pages' and exists (
          select 1 from pages p where p.page_id = p_external_id and p.id is distinct from p_self
            and (p.verified_at is not null or p.tenant_id = p_tenant)) then 'page'
        when p_kind = 'numbers' and exists (
          select 1 from numbers n where n.phone_number_id = p_external_id and n.id is distinct from p_self
            and (n.verified_at is not null or n.tenant_id = p_tenant)) then 'number'
        when p_kind = 'numbers' and exists (
          select 1 from numbers n where n.waba_id = p_waba_id and n.verified_at is not null
            and n.tenant_id is distinct from p_tenant and n.id is distinct from p_self) then 'waba'
      end
    $$`)
  // Like every SECURITY DEFINER function (20261201_200000_identity_backstop): no EXECUTE for
  // PUBLIC; npm run migrate grants it to the request and platform roles (src/db/roles.ts).
  await db.execute(sql`revoke execute on function meta_channel_taken(text, text, text, uuid, uuid) from public`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop function if exists meta_channel_taken(text, text, text, uuid, uuid);
    alter table numbers drop constraint if exists numbers_verified_waba_one_tenant;
    drop index if exists pages_verified_page_id_idx;
    drop index if exists numbers_verified_phone_number_id_idx;
    update pages set status = 'error' where status = 'unverified';
    update numbers set status = 'error' where status = 'unverified';
  `)
  await db.execute(sql`
    create or replace function meta_store_events(events jsonb)
    returns table(idx integer, tenant_id uuid, stored boolean)
    language sql volatile security definer set search_path = public set app.bypass_rls = 'on' as $$
      with e as (
        select x.* from jsonb_to_recordset(events) as x(idx integer, target text, external_id text, kind text, event_key text, payload jsonb)
      ), owners as (
        select e.*, o.tenant_id, o.channel_id,
               row_number() over (partition by o.tenant_id, e.event_key order by e.idx) as nth
        from e
        join lateral (
          select n.tenant_id, n.id as channel_id from numbers n where e.target = 'number' and n.phone_number_id = e.external_id
          union all
          select p.tenant_id, p.id from pages p where e.target = 'page' and p.page_id = e.external_id
          union all
          (select distinct on (n.tenant_id) n.tenant_id, n.id from numbers n where e.target = 'waba' and n.waba_id = e.external_id order by n.tenant_id, n.created_at)
        ) o on o.tenant_id is not null
      ), ins as (
        insert into meta_events (tenant_id, kind, external_id, event_key, payload, status, attempts)
        select tenant_id, kind::enum_meta_events_kind, external_id, event_key, payload || jsonb_build_object('channelId', channel_id), 'pending', 0
        from owners where nth = 1 order by idx
        on conflict (tenant_id, event_key) do nothing
        returning meta_events.tenant_id, meta_events.event_key
      )
      select o.idx, o.tenant_id, o.nth = 1 and exists (select 1 from ins where ins.tenant_id = o.tenant_id and ins.event_key = o.event_key)
        from owners o
      union all
      select e.idx, null::uuid, false from e where not exists (select 1 from owners o where o.idx = e.idx)
    $$`)
}
