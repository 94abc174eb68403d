import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The dashboards' daily rollups (issue 19), by hand: a plain table (not a Payload collection —
 * nobody edits it; the dashboards plugin's rollup job writes it with SQL) plus two narrow
 * SECURITY DEFINER functions for the super-admin's view.
 * - tenant_daily_metrics: one row per tenant × day (the shop's calendar day) × metric ×
 *   dimension, a summed value. Tenant-owned under row-level security (app_rls_protect_all);
 *   the primary key starts with tenant_id, so a shop's period is one index range.
 * - orders (tenant_id, updated_at): the rollup job finds the orders changed since its last run.
 * - dashboards_platform_totals(from, to): every metric summed across tenants for a day range,
 *   with how many tenants contributed (money metrics per the shops' currency); dashboards_platform_tenants(): tenants by status and plan.
 *   Aggregates only, with the bypass on for their own duration, so the super-admin's view never
 *   reads a tenant's rows one by one and the request role's bypass is never turned on.
 *   EXECUTE is revoked from PUBLIC and granted to the app roles (src/db/roles.ts).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create table if not exists tenant_daily_metrics (
      tenant_id uuid not null references tenants(id) on delete cascade,
      day date not null,
      metric text not null,
      dimension text not null default '',
      value numeric not null default 0,
      computed_at timestamptz not null default now(),
      primary key (tenant_id, day, metric, dimension)
    );
    create index if not exists orders_tenant_updated_at_idx on orders (tenant_id, updated_at);
  `)
  await db.execute(sql`
    create or replace function dashboards_platform_totals(p_from date, p_to date)
    returns table(metric text, dimension text, currency text, value numeric, tenants bigint)
    language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
      select m.metric, m.dimension,
        case when m.metric in ('revenue', 'product_revenue', 'cod_expected', 'cod_collected', 'cod_settled') then t.currency::text else '' end,
        sum(m.value), count(distinct m.tenant_id)
      from tenant_daily_metrics m join tenants t on t.id = m.tenant_id
      where m.day between p_from and p_to and m.metric <> '_day'
      group by 1, 2, 3
    $$`)
  await db.execute(sql`
    create or replace function dashboards_platform_tenants()
    returns table(status text, plan text, tenants bigint)
    language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
      select t.status::text, coalesce(p.name, ''), count(*) from tenants t left join plans p on p.id = t.plan_id
      where t.deleted_at is null group by 1, 2
    $$`)
  await db.execute(sql`revoke execute on function dashboards_platform_totals(date, date) from public`)
  await db.execute(sql`revoke execute on function dashboards_platform_tenants() from public`)
  await db.execute(sql`select app_rls_protect_all()`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop function if exists dashboards_platform_totals(date, date);
    drop function if exists dashboards_platform_tenants();
    drop index if exists orders_tenant_updated_at_idx;
    drop table if exists tenant_daily_metrics;
  `)
}
