import type { Payload, PayloadRequest } from 'payload'

import type { Tenant } from '../../payload-types'
import { PLAN_LIMITS } from '../../collections/Plans'
import { dayOf, PERIODIC_LIMITS, periodOf, periodsEndingWith, tenantUsage, type LimitName, type PeriodicLimit } from '../../plugins/quotas'
import { DEMO_PLANS, DEMO_PLAN_OF } from './demo-extras'

type Ctx = { payload: Payload; req: PayloadRequest }

/** Months of ledger history before the current one, and days of snapshots before today. */
export const DEMO_USAGE_MONTHS = 11
export const DEMO_SNAPSHOT_DAYS = 14

const DAY_MS = 24 * 60 * 60 * 1000

/** Stand-in scale for a metric without a limit (none of the demo plans has one). */
const UNLIMITED_SCALE = 500

/**
 * Share of a monthly limit a demo tenant used `monthsAgo` months back: a slow climb over the
 * year with a wobble, different per tenant (`index`) and metric, never above 95 %.
 */
export function demoShare(index: number, metric: PeriodicLimit, monthsAgo: number): number {
  const m = PERIODIC_LIMITS.indexOf(metric)
  const climb = ((DEMO_USAGE_MONTHS - monthsAgo) / DEMO_USAGE_MONTHS) * 0.4
  const wobble = 0.07 * Math.sin(monthsAgo * 1.7 + m * 1.3 + index)
  return Math.min(0.95, Math.max(0, 0.12 + 0.05 * index + climb + wobble))
}

/** What a demo tenant (`index` from 1) used of a monthly metric in the month `monthsAgo` back. */
export function demoMonthlyCount(tenantSlug: string, index: number, metric: PeriodicLimit, monthsAgo: number): number {
  const plan = DEMO_PLANS.find((p) => p.slug === (DEMO_PLAN_OF[tenantSlug] ?? 'starter'))
  const max: null | number = plan?.limits[metric] ?? null
  return Math.round((max ?? UNLIMITED_SCALE) * demoShare(index, metric, monthsAgo))
}

/**
 * Usage history for one demo tenant, so the admin's Usage view has a trend to draw: ledger rows
 * (usage-counters) for the `DEMO_USAGE_MONTHS` months before the current one, and daily
 * snapshots for the `DEMO_SNAPSHOT_DAYS` days before today, ending at today's real usage. The
 * current month is left to the real ledger (the seeded orders and leads consumed it).
 * Idempotent and never mixed with real history: each kind is written only when the tenant has
 * none of it yet. Returns how many documents it created.
 */
export async function seedUsageHistory({ payload, req }: Ctx, tenant: Tenant, index: number, now = new Date()): Promise<number> {
  const system = { overrideAccess: true, req, depth: 0 } as const
  const timezone = tenant.timezone || 'UTC'
  const current = periodOf(now, timezone)
  const past = periodsEndingWith(current, DEMO_USAGE_MONTHS + 1).slice(0, -1)
  let created = 0

  const history = await payload.count({
    collection: 'usage-counters',
    where: { and: [{ tenant: { equals: tenant.id } }, { period: { less_than: current } }] },
    ...system,
  })
  if (history.totalDocs === 0) {
    for (const [i, period] of past.entries()) {
      const monthsAgo = past.length - i
      for (const metric of PERIODIC_LIMITS) {
        const count = demoMonthlyCount(tenant.slug, index, metric, monthsAgo)
        if (count === 0) continue
        await payload.create({ collection: 'usage-counters', data: { tenant: tenant.id, metric, period, count }, ...system })
        created++
      }
    }
  }

  const snapshots = await payload.count({ collection: 'usage-snapshots', where: { tenant: { equals: tenant.id } }, ...system })
  if (snapshots.totalDocs > 0) return created
  const today = await tenantUsage(req, String(tenant.id), now)
  if (!today) return created
  const usedToday = Object.fromEntries(today.limits.map((l) => [l.limit, l.used])) as Record<LimitName, number>
  const todayOfMonth = Number(dayOf(now, timezone).slice(8))
  for (let daysAgo = DEMO_SNAPSHOT_DAYS; daysAgo >= 1; daysAgo--) {
    const date = new Date(now.getTime() - daysAgo * DAY_MS)
    const day = dayOf(date, timezone)
    const dayOfMonth = Number(day.slice(8))
    const usage: Partial<Record<LimitName, number>> = {}
    for (const limit of PLAN_LIMITS) {
      if (!PERIODIC_LIMITS.includes(limit as PeriodicLimit)) {
        // Counts grew into today's: a product or so every few days, the rest as today.
        usage[limit] = limit === 'products' ? Math.max(0, usedToday[limit] - Math.floor(daysAgo / 4)) : usedToday[limit]
        continue
      }
      const metric = limit as PeriodicLimit
      if (periodOf(date, timezone) === current) {
        usage[metric] = Math.floor((usedToday[metric] * dayOfMonth) / Math.max(todayOfMonth, 1))
      } else {
        // A day of an earlier month: that month's seeded total, accumulated through the month.
        const monthsAgo = past.length - past.indexOf(periodOf(date, timezone))
        const daysInMonth = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate()
        usage[metric] = Math.round((demoMonthlyCount(tenant.slug, index, metric, monthsAgo) * dayOfMonth) / daysInMonth)
      }
    }
    await payload.create({ collection: 'usage-snapshots', data: { tenant: tenant.id, day, usage }, ...system })
    created++
  }
  return created
}
