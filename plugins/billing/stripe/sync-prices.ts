import type { PayloadRequest } from 'payload'

import type { Plan } from '../../../payload-types'
import type { MeteredMetric } from '../host'
import { hostOf } from '../options'
import { stripeOf, type Stripe } from './client'

export type SyncResult = { plans: number; products: number; created: number; archived: number; meters: number }

/** The event name a metric's meter counts (one meter per metric, shared by every plan). */
export const meterEventName = (metric: MeteredMetric) => `emerkater_${metric.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`

type Overage = NonNullable<Plan['overage']>[number]

async function meterFor(stripe: Stripe, metric: MeteredMetric, known: Map<string, string>): Promise<string> {
  const name = meterEventName(metric)
  const found = known.get(name)
  if (found) return found
  const meter = await stripe.billing.meters.create(
    {
      display_name: `e-merkater ${metric}`,
      event_name: name,
      default_aggregation: { formula: 'sum' },
      customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
      value_settings: { event_payload_key: 'value' },
    },
    { idempotencyKey: `meter:${name}` },
  )
  known.set(name, meter.id)
  return meter.id
}

/**
 * Make Stripe hold what the plans say (README, "Plans and prices"), idempotently: a product per
 * plan; per interval a recurring price of the plan's amount and currency — when the amount or
 * currency changed, a new price is created and the old one archived (a price is immutable); per
 * overage row a metered price on the metric's meter. Running it again with nothing changed calls
 * nothing but the meter list. Stripe calls carry idempotency keys made of what they create, so a
 * sync retried after a failure half-way never creates twice. `req` is the super-admin's (the
 * plans' audit trail names them).
 */
export async function syncPrices(req: PayloadRequest): Promise<SyncResult> {
  const options = hostOf(req)
  const stripe = stripeOf(options)
  const result: SyncResult = { plans: 0, products: 0, created: 0, archived: 0, meters: 0 }
  const meters = new Map<string, string>()
  for (const m of (await stripe.billing.meters.list({ limit: 100 })).data) if (m.status === 'active') meters.set(m.event_name, m.id)
  const before = meters.size
  const { docs: plans } = await req.payload.find({ collection: 'plans', where: { active: { equals: true } }, depth: 0, limit: 200, pagination: false, overrideAccess: true, req })
  for (const plan of plans) {
    result.plans++
    const currency = plan.currency.toLowerCase()
    const s = plan.stripe ?? {}
    let productId = s.productId ?? null
    if (!productId) {
      productId = (await stripe.products.create({ name: plan.name, metadata: { plan: plan.id, slug: plan.slug } }, { idempotencyKey: `product:${plan.id}` })).id
      result.products++
    }
    const price = async (interval: 'month' | 'year', amount: number, oldId: null | string | undefined, oldAmount: null | number | undefined): Promise<string> => {
      if (oldId && oldAmount === amount && s.currency === currency) return oldId
      const created = await stripe.prices.create(
        { product: productId, currency, unit_amount: amount, recurring: { interval }, metadata: { plan: plan.id, interval } },
        { idempotencyKey: `price:${plan.id}:${interval}:${currency}:${amount}:${oldId ?? 'first'}` },
      )
      result.created++
      if (oldId) {
        await stripe.prices.update(oldId, { active: false })
        result.archived++
      }
      return created.id
    }
    const monthlyPriceId = await price('month', plan.priceMonthly, s.monthlyPriceId, s.monthlyAmount)
    const yearlyPriceId = await price('year', plan.priceYearly, s.yearlyPriceId, s.yearlyAmount)
    const overage: Overage[] = []
    for (const row of plan.overage ?? []) {
      const meterId = await meterFor(stripe, row.metric, meters)
      let priceId = row.priceId ?? null
      if (!priceId || row.syncedUnitPrice !== row.unitPrice || row.meterId !== meterId || s.currency !== currency) {
        const created = await stripe.prices.create(
          { product: productId, currency, unit_amount: row.unitPrice, recurring: { interval: 'month', usage_type: 'metered', meter: meterId }, metadata: { plan: plan.id, metric: row.metric } },
          { idempotencyKey: `overage:${plan.id}:${row.metric}:${currency}:${row.unitPrice}:${priceId ?? 'first'}` },
        )
        result.created++
        if (priceId) {
          await stripe.prices.update(priceId, { active: false })
          result.archived++
        }
        priceId = created.id
      }
      overage.push({ ...row, meterId, priceId, syncedUnitPrice: row.unitPrice })
    }
    await req.payload.update({
      collection: 'plans',
      id: plan.id,
      depth: 0,
      overrideAccess: true,
      req,
      context: { billingSync: true },
      data: { stripe: { productId, monthlyPriceId, monthlyAmount: plan.priceMonthly, yearlyPriceId, yearlyAmount: plan.priceYearly, currency, syncedAt: new Date().toISOString() }, overage },
    })
  }
  result.meters = meters.size - before
  return result
}
