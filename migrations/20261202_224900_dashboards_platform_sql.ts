import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The super-admin's platform view, the rest of it (issue 19), by hand: four narrow SECURITY
 * DEFINER functions that answer aggregates across tenants with the bypass on for their own
 * duration only, so the view never reads a tenant's rows one by one and the request role's
 * bypass is never turned on. EXECUTE is revoked from PUBLIC and granted to the platform role
 * only (src/db/roles.ts, DEFINER_FUNCTIONS): the super-admin's requests are served by its pool,
 * a shop's never.
 * - dashboards_platform_weeks(weeks): per ISO week (UTC), the shops signed up and the trials
 *   converted (an audited tenants update whose status went from trial to active).
 * - dashboards_platform_mrr(): MRR per currency from the billing plugin's subscriptions (active
 *   and past-due; a yearly price counts a twelfth), the same rule as plugins/billing's mrrOf.
 * - dashboards_platform_busiest(from, to, n): the n shops with the most orders + messages in
 *   the day range (from tenant_daily_metrics).
 * - dashboards_platform_failing(since, until, n): the n shops with the most failures in the
 *   range: webhook events that failed (Meta, couriers), failed jobs, limits reached (a 100 %
 *   quota alert: from then on the limit refuses), rate-limit refusals (audited).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create or replace function dashboards_platform_weeks(p_weeks int)
    returns table(week date, signups bigint, conversions bigint)
    language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
      with weeks as (
        select generate_series(date_trunc('week', now() at time zone 'UTC') - make_interval(weeks => greatest(p_weeks, 1) - 1),
                               date_trunc('week', now() at time zone 'UTC'), interval '1 week')::date as week
      )
      select w.week,
        (select count(*) from tenants t where date_trunc('week', t.created_at at time zone 'UTC')::date = w.week),
        (select count(distinct a.tenant_id) from audit_logs a
          where a.collection = 'tenants' and a.action = 'update'
            and a.changes -> 'status' ->> 'before' = 'trial' and a.changes -> 'status' ->> 'after' = 'active'
            and date_trunc('week', a.created_at at time zone 'UTC')::date = w.week)
      from weeks w order by w.week
    $$`)
  await db.execute(sql`
    create or replace function dashboards_platform_mrr()
    returns table(currency text, mrr numeric, subscriptions bigint)
    language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
      select upper(coalesce(nullif(s.currency, ''), t.currency::text, 'BDT')), sum(round(coalesce(s.amount, 0) / case when s.interval = 'year' then 12 else 1 end)), count(*)
      from subscriptions s join tenants t on t.id = s.tenant_id
      where s.status in ('active', 'past_due') and t.deleted_at is null
      group by 1 order by 1
    $$`)
  await db.execute(sql`
    create or replace function dashboards_platform_busiest(p_from date, p_to date, p_limit int)
    returns table(tenant_id uuid, name text, status text, orders numeric, messages numeric)
    language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
      select t.id, coalesce(nullif(t.display_name, ''), t.name), t.status::text,
        sum(m.value) filter (where m.metric = 'orders'), sum(m.value) filter (where m.metric = 'messages')
      from tenant_daily_metrics m join tenants t on t.id = m.tenant_id
      where m.day between p_from and p_to and m.metric in ('orders', 'messages') and t.deleted_at is null
      group by t.id order by sum(m.value) desc, t.id limit least(greatest(p_limit, 1), 100)
    $$`)
  await db.execute(sql`
    create or replace function dashboards_platform_failing(p_since timestamptz, p_until timestamptz, p_limit int)
    returns table(tenant_id uuid, name text, status text, webhook_failures bigint, job_failures bigint, limits_reached bigint, rate_limited bigint)
    language sql stable security definer set search_path = public set app.bypass_rls = 'on' as $$
      with failures as (
        select e.tenant_id, 'webhook' as kind from meta_events e where e.status = 'failed' and e.updated_at >= p_since and e.updated_at < p_until
        union all
        select c.tenant_id, 'webhook' from courier_events c where c.state = 'failed' and c.updated_at >= p_since and c.updated_at < p_until
        union all
        select (j.input ->> 'tenantId')::uuid, 'job' from payload_jobs j
          where j.has_error and j.input ->> 'tenantId' ~ '^[0-9a-f-]{36}$' and j.updated_at >= p_since and j.updated_at < p_until
        union all
        select q.tenant_id, 'limit' from quota_alerts q where q.threshold >= 100 and q.created_at >= p_since and q.created_at < p_until
        union all
        select a.tenant_id, 'rate' from audit_logs a where a.action = 'rate-limited' and a.tenant_id is not null and a.created_at >= p_since and a.created_at < p_until
      )
      select t.id, coalesce(nullif(t.display_name, ''), t.name), t.status::text,
        count(*) filter (where f.kind = 'webhook'), count(*) filter (where f.kind = 'job'),
        count(*) filter (where f.kind = 'limit'), count(*) filter (where f.kind = 'rate')
      from failures f join tenants t on t.id = f.tenant_id
      where t.deleted_at is null
      group by t.id order by count(*) desc, t.id limit least(greatest(p_limit, 1), 100)
    $$`)
  for (const fn of ['dashboards_platform_weeks(int)', 'dashboards_platform_mrr()', 'dashboards_platform_busiest(date, date, int)', 'dashboards_platform_failing(timestamptz, timestamptz, int)'])
    await db.execute(sql.raw(`revoke execute on function ${fn} from public`))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop function if exists dashboards_platform_weeks(int);
    drop function if exists dashboards_platform_mrr();
    drop function if exists dashboards_platform_busiest(date, date, int);
    drop function if exists dashboards_platform_failing(timestamptz, timestamptz, int);
  `)
}
