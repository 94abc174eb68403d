import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Platform health (issue 21), by hand: two plain tables, no Payload collection.
 * - platform_health_runs: the last run of each platform check (`canary`, `selfcheck`): when, its
 *   status and what it found. Not tenant-owned, but under row-level security with the policy
 *   `false`, so only a platform role with its bypass on (the canary job, the super-admin, the
 *   self-check report endpoint) reads or writes it: the request role can never forge a result.
 * - rate_limit_refusals: refused requests counted per hour, policy and tenant ('' when the
 *   refusal had no tenant, e.g. per-IP limits). Like rate_limits it has no tenant column and no
 *   row-level security: the rate limiter's own pool (the request role) upserts it outside any
 *   tenant context; only the super-admin's health view reads it.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create table if not exists platform_health_runs (
      check_name text primary key,
      status text not null,
      started_at timestamptz not null,
      finished_at timestamptz not null,
      summary jsonb not null default '{}'::jsonb
    );
    create table if not exists rate_limit_refusals (
      hour timestamptz not null,
      policy text not null,
      tenant text not null default '',
      refusals integer not null default 0,
      primary key (hour, policy, tenant)
    );
  `)
  await db.execute(sql`select app_rls_policy('platform_health_runs'::regclass, 'false')`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    drop table if exists rate_limit_refusals;
    drop table if exists platform_health_runs;
  `)
}
