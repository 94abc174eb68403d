import type { Endpoint, PayloadRequest } from 'payload'

import type { Plan } from '../../../payload-types'
import { fail, invalid, upstream } from '../errors'
import { hostOf } from '../options'
import { stripeOf, type Stripe } from '../stripe/client'
import { ensureCustomer } from '../stripe/customer'
import { baseItem, mirrorSubscription, subscriptionRow } from '../stripe/mirror'
import { readTenant } from '../tenant-effects'
import { isLive, subscriptionSummary } from './summary'
import { billingTenant, inShop, jsonBody } from './tenant'

type Interval = 'month' | 'year'
const TRIAL_MIN_MS = 48 * 3_600_000 // Stripe refuses a trial_end less than 48 hours away

/** The plan and interval a body names, with the Stripe price the last sync made for them (400s that name the field). */
async function planChoice(req: PayloadRequest, body: Record<string, unknown>): Promise<{ plan: Plan; interval: Interval; price: string }> {
  const interval = body.interval ?? 'month'
  if (interval !== 'month' && interval !== 'year') throw invalid('interval', 'interval: "month" or "year".')
  if (typeof body.plan !== 'string' || !body.plan) throw invalid('plan', 'plan: the id of the plan to subscribe to.')
  const plan = await req.payload.findByID({ collection: 'plans', id: body.plan, depth: 0, overrideAccess: true, req, disableErrors: true }).catch(() => null)
  if (!plan || !plan.active) throw invalid('plan', 'No such plan on offer.')
  const price = interval === 'month' ? plan.stripe?.monthlyPriceId : plan.stripe?.yearlyPriceId
  if (!price) throw fail('conflict', `The ${plan.name} plan has no ${interval}ly price in Stripe yet: the platform must sync prices first.`, 409)
  return { plan, interval, price }
}

const meteredItems = (plan: Plan) => (plan.overage ?? []).flatMap((o) => (o.priceId ? [{ price: o.priceId }] : []))

const audit = (req: PayloadRequest, tenantId: string, summary: string) => hostOf(req).audit(req, { tenant: tenantId, action: 'update', collection: 'subscriptions', summary })

/**
 * POST /api/billing/checkout[?tenant=] `{ plan, interval }` — a tenant-admin starts a
 * subscription: Stripe Checkout (`mode=subscription`: the plan's price and its metered overage
 * prices; the remaining trial carried over as `trial_end`), answered `{ url }` to send the
 * browser to. 409 when the shop already has a live subscription (change it instead).
 */
export const checkoutEndpoint: Endpoint = {
  path: '/billing/checkout',
  method: 'post',
  handler: async (req) => {
    const tenantId = await billingTenant(req)
    const body = await jsonBody(req)
    return inShop(req, tenantId, async () => {
      const options = hostOf(req)
      const stripe = stripeOf(options)
      const { plan, interval, price } = await planChoice(req, body)
      if (isLive(await subscriptionRow(req, tenantId))) throw fail('conflict', 'The shop already has a subscription: change its plan instead.', 409)
      const tenant = await readTenant(req, tenantId)
      try {
        const { customer } = await ensureCustomer(req, tenantId)
        const trialEnd = tenant.status === 'trial' && tenant.trialEndsAt ? Date.parse(tenant.trialEndsAt) : 0
        const back = `${options.publicUrl(req)}/admin/billing`
        const session = await stripe.checkout.sessions.create({
          mode: 'subscription',
          customer,
          client_reference_id: tenantId,
          line_items: [{ price, quantity: 1 }, ...meteredItems(plan)],
          success_url: `${back}?checkout=success&session={CHECKOUT_SESSION_ID}`,
          cancel_url: `${back}?checkout=cancelled`,
          metadata: { tenant: tenantId, plan: plan.id, interval },
          subscription_data: { metadata: { tenant: tenantId, plan: plan.id, interval }, ...(trialEnd - Date.now() > TRIAL_MIN_MS ? { trial_end: Math.floor(trialEnd / 1000) } : {}) },
        })
        await audit(req, tenantId, `checkout started: ${plan.slug} (${interval})`)
        return Response.json({ url: session.url })
      } catch (error) {
        throw upstream(error)
      }
    })
  },
}

/**
 * POST /api/billing/change[?tenant=] `{ plan, interval }` — another plan or interval for the
 * live subscription, prorated by Stripe (`create_prorations`); the metered overage prices follow
 * the new plan. Mirrored at once (the webhook that follows changes nothing more).
 */
export const changeEndpoint: Endpoint = {
  path: '/billing/change',
  method: 'post',
  handler: async (req) => {
    const tenantId = await billingTenant(req)
    const body = await jsonBody(req)
    return inShop(req, tenantId, async () => {
      const stripe = stripeOf(hostOf(req))
      const { plan, interval, price } = await planChoice(req, body)
      const row = await subscriptionRow(req, tenantId)
      if (!isLive(row)) throw fail('conflict', 'The shop has no subscription to change: subscribe first.', 409)
      try {
        const current = await stripe.subscriptions.retrieve(row.stripeSubscriptionId!)
        const base = baseItem(current)
        if (base?.price.id === price) throw fail('conflict', `The shop is already on the ${plan.name} plan, billed ${interval}ly.`, 409)
        const metered = new Set(meteredItems(plan).map((m) => m.price))
        const items: Stripe.SubscriptionUpdateParams.Item[] = [
          ...(base ? [{ id: base.id, price }] : [{ price }]),
          ...current.items.data.filter((i) => i.id !== base?.id && !metered.has(i.price.id)).map((i) => ({ id: i.id, deleted: true })),
          ...[...metered].filter((p) => !current.items.data.some((i) => i.price.id === p)).map((p) => ({ price: p })),
        ]
        const updated = await stripe.subscriptions.update(current.id, { items, proration_behavior: 'create_prorations', metadata: { tenant: tenantId, plan: plan.id, interval } })
        const saved = await mirrorSubscription(req, tenantId, updated)
        await audit(req, tenantId, `plan changed to ${plan.slug} (${interval})`)
        return Response.json({ subscription: subscriptionSummary(saved) })
      } catch (error) {
        throw upstream(error)
      }
    })
  },
}

/** POST /api/billing/cancel[?tenant=] `{ resume?: boolean }` — cancel at the period's end (the shop keeps its plan until then), or take that back. */
export const cancelEndpoint: Endpoint = {
  path: '/billing/cancel',
  method: 'post',
  handler: async (req) => {
    const tenantId = await billingTenant(req)
    const body = await jsonBody(req)
    if (body.resume !== undefined && typeof body.resume !== 'boolean') throw invalid('resume', 'resume: true or false.')
    return inShop(req, tenantId, async () => {
      const row = await subscriptionRow(req, tenantId)
      if (!isLive(row)) throw fail('conflict', 'The shop has no subscription to cancel.', 409)
      try {
        const updated = await stripeOf(hostOf(req)).subscriptions.update(row.stripeSubscriptionId!, { cancel_at_period_end: body.resume !== true })
        const saved = await mirrorSubscription(req, tenantId, updated)
        await audit(req, tenantId, body.resume === true ? 'cancellation taken back' : 'cancelled at the period’s end')
        return Response.json({ subscription: subscriptionSummary(saved) })
      } catch (error) {
        throw upstream(error)
      }
    })
  },
}

/** POST /api/billing/portal[?tenant=] — Stripe's customer portal (cards, invoices) for the shop, answered `{ url }`. */
export const portalEndpoint: Endpoint = {
  path: '/billing/portal',
  method: 'post',
  handler: async (req) => {
    const tenantId = await billingTenant(req)
    return inShop(req, tenantId, async () => {
      const options = hostOf(req)
      try {
        const { customer } = await ensureCustomer(req, tenantId)
        const session = await stripeOf(options).billingPortal.sessions.create({ customer, return_url: `${options.publicUrl(req)}/admin/billing` })
        return Response.json({ url: session.url })
      } catch (error) {
        throw upstream(error)
      }
    })
  },
}
