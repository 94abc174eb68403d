import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The platform view's shop counts leave out the isolation canary (src/platform-health/canary.ts,
 * slug `platform-canary`, reserved at signup): it is the platform's own probe, not a shop, yet
 * dashboards_platform_tenants() counted it as a suspended shop and dashboards_platform_weeks() as
 * a signup. Both redefined by hand with that one condition added (grants are kept by
 * `create or replace`); `down` restores the definitions of 20261202_224800 / 20261202_224900.
 */
const tenants = (canary: string) => sql.raw(`
  create or replace function dashboards_platform_tenants()
  returns table(status text, plan text, tenants bigint)
  language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
    select t.status::text, coalesce(p.name, ''), count(*) from tenants t left join plans p on p.id = t.plan_id
    where t.deleted_at is null${canary} group by 1, 2
  $$`)

const weeks = (canary: string) => sql.raw(`
  create or replace function dashboards_platform_weeks(p_weeks int)
  returns table(week date, signups bigint, conversions bigint)
  language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
    with weeks as (
      select generate_series(date_trunc('week', now() at time zone 'UTC') - make_interval(weeks => greatest(p_weeks, 1) - 1),
                             date_trunc('week', now() at time zone 'UTC'), interval '1 week')::date as week
    )
    select w.week,
      (select count(*) from tenants t where date_trunc('week', t.created_at at time zone 'UTC')::date = w.week${canary}),
      (select count(distinct a.tenant_id) from audit_logs a
        where a.collection = 'tenants' and a.action = 'update'
          and a.changes -> 'status' ->> 'before' = 'trial' and a.changes -> 'status' ->> 'after' = 'active'
          and date_trunc('week', a.created_at at time zone 'UTC')::date = w.week)
    from weeks w order by w.week
  $$`)

const NOT_CANARY = ` and t.slug <> 'platform-canary'`

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(tenants(NOT_CANARY))
  await db.execute(weeks(NOT_CANARY))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(tenants(''))
  await db.execute(weeks(''))
}
