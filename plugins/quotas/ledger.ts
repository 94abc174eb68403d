import type { PayloadRequest } from 'payload'

import { checkAlerts } from './alerts'
import { QuotaExceededError } from './errors'
import { quotaOptions, type PeriodicLimit } from './options'
import { periodOf } from './period'
import { asNumber, one, sql, tableOf } from './sql'
import { USAGE_COUNTERS } from './collections/UsageCounters'
import { tenantQuota, type TenantQuota } from './tenant-quota'

export type Usage = { tenant: string; metric: PeriodicLimit; period: string; used: number; max: null | number; plan: null | string }

const tenantIdOf = (tenant: string | { id: string }) => (typeof tenant === 'string' ? tenant : String(tenant.id))

async function quotaFor(req: PayloadRequest, tenant: string): Promise<TenantQuota> {
  const quota = await tenantQuota(req, tenant)
  if (!quota) throw new Error(`No tenant ${tenant}`)
  return quota
}

async function usedIn(req: PayloadRequest, tenant: string, metric: PeriodicLimit, period: string): Promise<number> {
  const row = await one(req, sql`select count from ${tableOf(req.payload, USAGE_COUNTERS)} where tenant_id = ${tenant} and metric = ${metric} and period = ${period}`)
  return asNumber(row?.count)
}

/** How much of a monthly limit the tenant has used this month (its timezone), and the limit. */
export async function peek(req: PayloadRequest, tenant: string | { id: string }, metric: PeriodicLimit, now = new Date()): Promise<Usage> {
  const id = tenantIdOf(tenant)
  const quota = await quotaFor(req, id)
  const period = periodOf(now, quota.timezone)
  return { tenant: id, metric, period, used: await usedIn(req, id, metric, period), max: quota.limits[metric], plan: quota.plan }
}

/**
 * Use `n` units of a monthly limit, all or nothing: one `INSERT … ON CONFLICT DO UPDATE … WHERE`
 * adds `n` only if the total stays within the limit, so concurrent callers can never overshoot.
 * Throws QuotaExceededError (403 `quota_exceeded`) and changes nothing when it would.
 * Runs in `req`'s transaction (it is undone if the work it pays for fails) and database context:
 * call it for a tenant the request acts for, or inside runWithTenant().
 */
export async function consume(req: PayloadRequest, tenant: string | { id: string }, metric: PeriodicLimit, n = 1, now = new Date()): Promise<Usage> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`consume() takes a whole number of units, at least 1 (got ${n})`)
  const id = tenantIdOf(tenant)
  const quota = await quotaFor(req, id)
  const period = periodOf(now, quota.timezone)
  const max = quota.limits[metric]
  const refuse = async () => {
    throw new QuotaExceededError({ limit: metric, used: await usedIn(req, id, metric, period), max: max!, plan: quota.plan }, n)
  }
  const table = tableOf(req.payload, USAGE_COUNTERS)
  const take = (cap: null | number) =>
    one(
      req,
      sql`insert into ${table} as c (tenant_id, metric, period, count) values (${id}, ${metric}, ${period}, ${n})
          on conflict (tenant_id, metric, period) do update set count = c.count + excluded.count, updated_at = now()
          where ${cap}::numeric is null or c.count + excluded.count <= ${cap}::numeric
          returning count`,
    )
  // Past the limit, a tenant whose excess is billed (metered overage) still takes the units.
  const overage = () => quotaOptions(req.payload).allowsOverage(req, id, metric)
  let row = max !== null && n > max ? undefined : await take(max)
  if (!row && max !== null && (await overage())) row = await take(null)
  if (!row) return refuse()
  const used = asNumber(row.count)
  await checkAlerts(req, quota, metric, used - n, used, period)
  return { tenant: id, metric, period, used, max, plan: quota.plan }
}
