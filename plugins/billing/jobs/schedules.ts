import type { PayloadRequest, TaskConfig, Where } from 'payload'

import type { Plan, Subscription } from '../../../payload-types'
import { METERED_METRICS, type MeteredMetric } from '../host'
import type { ResolvedBillingOptions } from '../options'
import { stripeOf } from '../stripe/client'
import { updateSubscription } from '../stripe/mirror'
import { meterEventName } from '../stripe/sync-prices'
import { systemReqOf } from '../system-req'
import { BILLING_REASONS, emailAdmins, shopName, suspend } from '../tenant-effects'

export const GRACE_CHECK_TASK = 'billingGraceCheck'
export const METER_PUSH_TASK = 'billingMeterPush'

const tenantOf = (s: Subscription) => String(typeof s.tenant === 'object' ? s.tenant?.id : s.tenant)

/** Subscriptions matching `where`, across shops (read as the platform). */
const subscriptionsWhere = (options: ResolvedBillingOptions, req: PayloadRequest, where: Where) =>
  options.tenancy.runAsSystem('billing schedule', () => req.payload.find({ collection: 'subscriptions', where, depth: 0, limit: 10_000, pagination: false, overrideAccess: true, req }).then((r) => r.docs))

/**
 * `billingGraceCheck` (hourly): a shop past due beyond its grace period is suspended with the
 * reason "Unpaid invoice" and its tenant-admins told (paying the invoice — Stripe's hosted page,
 * the portal — reactivates it through the webhook); a comp whose end has passed ends (status
 * `none`: the shop then needs a plan, as at a trial's end).
 */
export const graceCheckTask = (options: ResolvedBillingOptions): TaskConfig<{ input: object; output: { suspended: number; compsEnded: number } }> => ({
  slug: GRACE_CHECK_TASK,
  label: 'Suspend shops past their billing grace period',
  retries: 1,
  schedule: [{ cron: process.env.BILLING_GRACE_CRON ?? '7 * * * *', queue: 'default' }],
  handler: async ({ req }) => {
    const now = new Date().toISOString()
    let suspended = 0
    let compsEnded = 0
    for (const s of await subscriptionsWhere(options, req, { and: [{ status: { in: ['past_due', 'unpaid'] } }, { graceEndsAt: { less_than: now } }] })) {
      const tenantId = tenantOf(s)
      await options.tenancy.runWithTenant({ tenantId, via: 'job' }, async () => {
        if (!(await suspend(req, tenantId, BILLING_REASONS.unpaid))) return
        suspended++
        const name = await shopName(req, tenantId)
        await emailAdmins(
          req,
          tenantId,
          `${name} is suspended: unpaid invoice`,
          `The invoice of ${name} is still unpaid after the grace period, so the shop is suspended. Paying the invoice (the link in Stripe's email, or the billing portal) reactivates it at once.`,
        )
      })
    }
    for (const s of await subscriptionsWhere(options, req, { and: [{ status: { equals: 'comped' } }, { compedUntil: { less_than: now } }] })) {
      await options.tenancy.runWithTenant({ tenantId: tenantOf(s), via: 'job' }, () => updateSubscription(req, s.id, { status: 'none', compedUntil: null }))
      compsEnded++
    }
    return { output: { suspended, compsEnded } }
  },
})

/** The UTC hour a date falls in, as the identifier's last part: `2026-12-01T10`. */
export const hourKey = (date: Date) => date.toISOString().slice(0, 13)

/** A date in the middle of the period before `period` ('YYYY-MM'): in that month whatever the shop's time zone. */
const midPreviousPeriod = (period: string) => {
  const [y, m] = period.split('-').map(Number)
  return new Date(Date.UTC(y, m - 2, 15, 12))
}

/**
 * One shop's metered overage since the last push, per metric with an overage price: the units
 * used above the plan's included amount in a period, less what earlier pushes of that period
 * sent — for the period that just ended first (its last hours' usage, pushed once with the
 * identifier `tenant:metric:YYYY-MM:final`), then for the current one (`tenant:metric:hour`).
 * The row is written before Stripe is called and its value never changes, so a retry — this
 * run's or a later one's — resends the same event, which Stripe deduplicates by identifier:
 * usage is never billed twice, and none is lost at a month's end.
 */
async function pushTenant(options: ResolvedBillingOptions, callerReq: PayloadRequest, s: Subscription, plan: Plan, hour: Date): Promise<number> {
  const tenantId = tenantOf(s)
  const req = await systemReqOf(callerReq)
  const stripe = stripeOf(options)
  let sent = 0
  const accrue = async (metric: MeteredMetric, usage: { used: number; max: null | number; period: string }, identifier: string) => {
    const pushes = await req.payload.find({
      collection: 'meter-pushes',
      where: { and: [{ tenant: { equals: tenantId } }, { metric: { equals: metric } }, { period: { equals: usage.period } }] },
      depth: 0,
      limit: 2_000,
      pagination: false,
      overrideAccess: true,
      req,
    })
    const pushed = pushes.docs.reduce((sum, p) => sum + p.value, 0)
    const billable = usage.max === null ? 0 : Math.max(0, usage.used - usage.max)
    if (billable > pushed && !pushes.docs.some((p) => p.identifier === identifier)) {
      await req.payload.create({
        collection: 'meter-pushes',
        data: { tenant: tenantId, identifier, metric, period: usage.period, hour: hour.toISOString(), value: billable - pushed, state: 'pending' },
        depth: 0,
        overrideAccess: true,
        req,
      })
    }
  }
  for (const row of plan.overage ?? []) {
    const metric = row.metric
    if (!METERED_METRICS.includes(metric) || !row.priceId) continue
    const current = await options.quotas.usage(req, tenantId, metric)
    const previous = await options.quotas.usage(req, tenantId, metric, midPreviousPeriod(current.period))
    await accrue(metric, previous, `${tenantId}:${metric}:${previous.period}:final`)
    await accrue(metric, current, `${tenantId}:${metric}:${hourKey(hour)}`)
  }
  const pending = await req.payload.find({
    collection: 'meter-pushes',
    where: { and: [{ tenant: { equals: tenantId } }, { state: { in: ['pending', 'failed'] } }] },
    depth: 0,
    limit: 500,
    pagination: false,
    overrideAccess: true,
    req,
  })
  for (const p of pending.docs) {
    try {
      await stripe.billing.meterEvents.create({
        event_name: meterEventName(p.metric),
        identifier: p.identifier,
        timestamp: Math.floor(Date.parse(p.hour) / 1000),
        payload: { stripe_customer_id: s.stripeCustomerId!, value: String(p.value) },
      })
    } catch (error) {
      const e = error as { code?: string; statusCode?: number; message?: string }
      // Stripe already has an event with this identifier: it counted it once; so do we.
      if (e.code !== 'duplicate_meter_event' && !/already exists/i.test(e.message ?? '')) {
        await req.payload.update({ collection: 'meter-pushes', id: p.id, data: { state: 'failed', error: (e.message ?? String(error)).slice(0, 300) }, depth: 0, overrideAccess: true, req })
        continue
      }
    }
    await req.payload.update({ collection: 'meter-pushes', id: p.id, data: { state: 'sent', error: null, sentAt: new Date().toISOString() }, depth: 0, overrideAccess: true, req })
    sent++
  }
  return sent
}

/** The run's hour: `input.now` (an ISO date — tests, a backfill) or the clock's, truncated to the UTC hour. */
const runHour = (input: unknown): Date => {
  const asked = (input as null | { now?: unknown })?.now
  const at = typeof asked === 'string' && !Number.isNaN(Date.parse(asked)) ? Date.parse(asked) : Date.now()
  return new Date(Math.floor(at / 3_600_000) * 3_600_000)
}

/** `billingMeterPush` (hourly, `BILLING_METER_CRON`; input `{ now? }`): every paying shop whose plan bills overage reports it (pushTenant). */
export const meterPushTask = (options: ResolvedBillingOptions): TaskConfig<{ input: { now?: string }; output: { shops: number; sent: number; failed: number } }> => ({
  slug: METER_PUSH_TASK,
  label: 'Report metered usage to Stripe',
  retries: 2,
  schedule: [{ cron: process.env.BILLING_METER_CRON ?? '2 * * * *', queue: 'default' }],
  handler: async ({ input, req }) => {
    if (!options.secretKey()) return { output: { shops: 0, sent: 0, failed: 0 } }
    const hour = runHour(input)
    const subs = await subscriptionsWhere(options, req, { and: [{ status: { in: ['active', 'trialing', 'past_due'] } }, { stripeCustomerId: { exists: true } }] })
    const plans = new Map<string, Plan>()
    const output = { shops: 0, sent: 0, failed: 0 }
    for (const s of subs) {
      const planId = typeof s.plan === 'object' ? s.plan?.id : s.plan
      if (!planId) continue
      if (!plans.has(planId)) plans.set(planId, await req.payload.findByID({ collection: 'plans', id: planId, depth: 0, overrideAccess: true, req }))
      const plan = plans.get(planId)!
      if (!plan.overage?.length) continue
      output.shops++
      try {
        output.sent += await options.tenancy.runWithTenant({ tenantId: tenantOf(s), via: 'job' }, () => pushTenant(options, req, s, plan, hour))
      } catch (error) {
        output.failed++
        req.payload.logger.warn({ err: error, tenant: tenantOf(s) }, 'billing: metered usage could not be reported; the next run retries')
      }
    }
    return { output }
  },
})

/** Whether a shop may go past `metric`'s limit, billed as overage: a paying (or trialing) Stripe subscription on a plan with an overage price for it. */
export async function allowsOverage(req: PayloadRequest, tenantId: string, metric: string): Promise<boolean> {
  const { docs } = await req.payload.find({ collection: 'subscriptions', where: { tenant: { equals: tenantId } }, depth: 1, limit: 1, overrideAccess: true, req })
  const s = docs[0]
  if (!s || !['active', 'trialing'].includes(s.status) || !s.stripeSubscriptionId) return false
  const plan = typeof s.plan === 'object' ? s.plan : null
  return Boolean(plan?.overage?.some((o) => o.metric === metric && o.priceId))
}
