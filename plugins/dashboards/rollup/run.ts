import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hostOf, type ResolvedDashboardsOptions } from '../options'
import { replaceRange } from './compute'
import { addDays, runsOf, todayIn } from './days'

/** A range is rolled up in chunks of this many days, each in its own transaction (a backfill never holds one huge one). */
const CHUNK_DAYS = 31
/** Rows changed this long before the last run's start are looked at again (a write committed while it ran). */
const SLACK = '5 minutes'

export type RollupResult = { days: number; runs: number }

/** Recompute `tenantId`'s rollup for the days `from`..`to` (shop's calendar days), in the caller's tenant context. */
export async function recomputeRange(options: ResolvedDashboardsOptions, req: PayloadRequest, tenantId: string, from: string, to: string): Promise<RollupResult> {
  const { timezone } = await options.tenancy.tenantFacts(req, tenantId)
  const days: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d)
  return writeRuns(options, req, tenantId, timezone, days)
}

async function writeRuns(options: ResolvedDashboardsOptions, req: PayloadRequest, tenantId: string, timeZone: string, days: string[]): Promise<RollupResult> {
  const runs = runsOf(days, CHUNK_DAYS)
  for (const run of runs) {
    await options.db.withTransaction(req, async () => {
      for (const statement of replaceRange({ tenantId, timeZone, ...run }, options.sources, options.conversionDays)) await options.db.runSql(req, statement)
    })
  }
  return { days: new Set(days).size, runs: runs.length }
}

/**
 * The days whose figures may have changed since the last rollup: the days (in the shop's time
 * zone) of every row changed since then — an order's status moved, a parcel delivered or settled
 * days after booking — plus the last `recentDays`. With no rollup yet, every day since the
 * shop's first row.
 */
async function touchedDays(options: ResolvedDashboardsOptions, req: PayloadRequest, tenantId: string, timeZone: string): Promise<string[]> {
  const t = sql`${tenantId}::uuid`
  const [mark] = await options.db.runSql(req, sql`select (max(computed_at) - interval '${sql.raw(SLACK)}')::text as since from tenant_daily_metrics where tenant_id = ${t}`)
  const since = typeof mark?.since === 'string' ? mark.since : null
  const changed = (table: string, columns: string[]) =>
    sql`select unnest(array[${sql.raw(columns.join(', '))}]) as at from ${sql.raw(table)} where tenant_id = ${t} and (${since}::timestamptz is null or updated_at >= ${since}::timestamptz)`
  const parts = [
    changed('orders', ['created_at']),
    changed('leads', ['created_at']),
    ...(options.sources.inbox ? [changed('conversations', ['created_at']), changed('messages', ['created_at'])] : []),
    ...(options.sources.couriers ? [changed('shipments', ['created_at', 'delivered_at', 'settled_at'])] : []),
  ]
  const rows = await options.db.runSql(req, sql`select distinct ((x.at at time zone ${timeZone})::date)::text as day from (${sql.join(parts, sql` union all `)}) x where x.at is not null`)
  return rows.map((r) => String(r.day))
}

/** The tenant job's work: recompute the changed days and the recent ones (never a future day). */
export async function rollupChanged(options: ResolvedDashboardsOptions, req: PayloadRequest, tenantId: string): Promise<RollupResult> {
  const { timezone } = await options.tenancy.tenantFacts(req, tenantId)
  const today = todayIn(timezone)
  const recent = Array.from({ length: options.recentDays }, (_, i) => addDays(today, -i))
  const touched = (await touchedDays(options, req, tenantId, timezone)).filter((d) => d <= today)
  return writeRuns(options, req, tenantId, timezone, [...recent, ...touched])
}

/** Recompute a shop's rollup for a day range with the running config's options (the demo seed, tools). */
export const recomputeDashboards = (req: PayloadRequest, tenantId: string, from: string, to: string): Promise<RollupResult> => recomputeRange(hostOf(req), req, tenantId, from, to)
