import type { PayloadRequest } from 'payload'

import { countQuery } from './count-limits'
import { USAGE_COUNTERS } from './collections/UsageCounters'
import { USAGE_SNAPSHOTS } from './collections/UsageSnapshots'
import { COUNT_LIMITS, isPeriodicLimit, LIMITS, PERIODIC_LIMITS, quotaOptions, type LimitName, type PeriodicLimit } from './options'
import { periodOf, periodsEndingWith } from './period'
import { asNumber, runSql, sql, tableOf } from './sql'
import { tenantQuotas, type TenantQuota } from './tenant-quota'

export type UsageLevel = 'ok' | 'warning' | 'over'

export type LimitUsage = {
  limit: LimitName
  kind: 'count' | 'monthly'
  used: number
  /** null = unlimited */
  max: null | number
  /** used / max in percent, rounded; null when unlimited, or 0 of a limit of 0. */
  percent: null | number
  /** warning from 80 %, over from 100 % (at the limit: nothing more fits). */
  level: UsageLevel
  overridden: boolean
}

export type TenantUsage = { tenant: { id: string; name: string; slug: string }; plan: null | string; period: string; limits: LimitUsage[] }

export const levelOf = (percent: null | number): UsageLevel => (percent === null ? 'ok' : percent >= 100 ? 'over' : percent >= 80 ? 'warning' : 'ok')

function limitUsage(quota: TenantQuota, limit: LimitName, used: number): LimitUsage {
  const max = quota.limits[limit]
  // A limit of 0 that is not used is a thing the plan leaves out, not a limit being approached.
  const percent = max === null || (max === 0 && used === 0) ? null : max === 0 ? 100 : Math.round((used / max) * 100)
  return { limit, kind: isPeriodicLimit(limit) ? 'monthly' : 'count', used, max, percent, level: levelOf(percent), overridden: quota.overridden.includes(limit) }
}

const usageOf = (quota: TenantQuota, period: string, used: Partial<Record<LimitName, number>>): TenantUsage => ({
  tenant: { id: quota.tenantId, name: quota.name, slug: quota.slug },
  plan: quota.plan,
  period,
  limits: LIMITS.map((limit) => limitUsage(quota, limit, used[limit] ?? 0)),
})

/** Every limit of one tenant: used now (count limits) or this month (monthly ones), and its max. */
export async function tenantUsage(req: PayloadRequest, tenantId: string, now = new Date()): Promise<null | TenantUsage> {
  const quota = (await tenantQuotas(req, [tenantId])).get(tenantId)
  if (!quota) return null
  const period = periodOf(now, quota.timezone)
  const counts = sql.join(
    COUNT_LIMITS.map((limit) => sql`(${countQuery(req, limit, tenantId)}) as ${sql.identifier(limit)}`),
    sql`, `,
  )
  const [[countRow], ledger] = await Promise.all([
    runSql(req, sql`select ${counts}`),
    runSql(req, sql`select metric, count from ${tableOf(req.payload, USAGE_COUNTERS)} where tenant_id = ${tenantId} and period = ${period}`),
  ])
  const used: Partial<Record<LimitName, number>> = {}
  for (const limit of COUNT_LIMITS) used[limit] = asNumber(countRow?.[limit])
  for (const row of ledger) used[row.metric as PeriodicLimit] = asNumber(row.count)
  return usageOf(quota, period, used)
}

export type MonthlyTrend = { periods: string[]; series: Record<PeriodicLimit, number[]> }

/** The monthly metrics of the last `months` calendar months (oldest first), from the ledger. */
export async function monthlyTrend(req: PayloadRequest, tenantId: string, months = 12, now = new Date()): Promise<MonthlyTrend> {
  const quota = (await tenantQuotas(req, [tenantId])).get(tenantId)
  const periods = periodsEndingWith(periodOf(now, quota?.timezone ?? 'UTC'), months)
  const rows = await runSql(
    req,
    sql`select metric, period, count from ${tableOf(req.payload, USAGE_COUNTERS)} where tenant_id = ${tenantId} and period >= ${periods[0]} and period <= ${periods[periods.length - 1]}`,
  )
  const series = Object.fromEntries(PERIODIC_LIMITS.map((metric) => [metric, periods.map(() => 0)])) as Record<PeriodicLimit, number[]>
  for (const row of rows) {
    const i = periods.indexOf(String(row.period))
    if (i >= 0 && series[row.metric as PeriodicLimit]) series[row.metric as PeriodicLimit][i] = asNumber(row.count)
  }
  return { periods, series }
}

export type DailyPoint = { day: string; usage: Partial<Record<LimitName, number>> }

/** The daily snapshots of the last `days` days (oldest first). */
export async function dailyHistory(req: PayloadRequest, tenantId: string, days = 30): Promise<DailyPoint[]> {
  const rows = await runSql(req, sql`select day, usage from ${tableOf(req.payload, USAGE_SNAPSHOTS)} where tenant_id = ${tenantId} order by day desc limit ${days}`)
  return rows.reverse().map((row) => ({ day: String(row.day), usage: row.usage ?? {} }))
}

/**
 * Platform view (super-admin only — it reads every tenant): tenants at or above `minPercent` of
 * any limit, worst first.
 */
export async function usageOverview(req: PayloadRequest, minPercent = 80, now = new Date()): Promise<TenantUsage[]> {
  const { tenantsSlug } = quotaOptions(req.payload)
  const tenants = await runSql(req, sql`select id from ${tableOf(req.payload, tenantsSlug)} where deleted_at is null`)
  const quotas = await tenantQuotas(
    req,
    tenants.map((row) => String(row.id)),
  )
  const used = new Map<string, Partial<Record<LimitName, number>>>()
  const add = (tenant: unknown, limit: LimitName, count: unknown) => {
    const entry = used.get(String(tenant)) ?? {}
    entry[limit] = asNumber(count)
    used.set(String(tenant), entry)
  }
  await Promise.all(
    COUNT_LIMITS.map(async (limit) => {
      const grouped = countQuery(req, limit, sql.raw('g.tenant_id'))
      const rows = await runSql(req, sql`select g.tenant_id, (${grouped}) as count from (select distinct id as tenant_id from ${tableOf(req.payload, tenantsSlug)}) g`)
      for (const row of rows) add(row.tenant_id, limit, row.count)
    }),
  )
  const periodOfTenant = new Map([...quotas.values()].map((q) => [q.tenantId, periodOf(now, q.timezone)]))
  const periods = [...new Set(periodOfTenant.values())]
  if (periods.length > 0) {
    const ledger = await runSql(
      req,
      sql`select tenant_id, metric, period, count from ${tableOf(req.payload, USAGE_COUNTERS)} where period in (${sql.join(
        periods.map((p) => sql`${p}`),
        sql`, `,
      )})`,
    )
    for (const row of ledger) if (periodOfTenant.get(String(row.tenant_id)) === row.period) add(row.tenant_id, row.metric as LimitName, row.count)
  }
  const worst = (usage: TenantUsage) => Math.max(-1, ...usage.limits.map((l) => l.percent ?? -1))
  return [...quotas.values()]
    .map((quota) => usageOf(quota, periodOfTenant.get(quota.tenantId)!, used.get(quota.tenantId) ?? {}))
    .filter((usage) => worst(usage) >= minPercent)
    .sort((a, b) => worst(b) - worst(a))
}
