import type { PayloadRequest } from 'payload'

import type { Invoice, Plan, Subscription } from '../../../payload-types'
import { INVOICE_STATUSES } from '../collections/Invoices'
import { SUBSCRIPTION_STATUSES } from '../collections/Subscriptions'
import { hostOf } from '../options'
import { systemReqOf } from '../system-req'
import { activate, BILLING_REASONS, emailAdmins, shopName, suspend } from '../tenant-effects'
import { isoOf, sid, type Stripe } from './client'

const DAY = 86_400_000

/** The shop's subscription row (created empty, status `none`, the first time it is asked for). In the tenant's context. */
export async function subscriptionRow(callerReq: PayloadRequest, tenantId: string): Promise<Subscription> {
  const req = await systemReqOf(callerReq)
  const { docs } = await req.payload.find({ collection: 'subscriptions', where: { tenant: { equals: tenantId } }, depth: 0, limit: 1, overrideAccess: true, req })
  if (docs[0]) return docs[0]
  return req.payload.create({ collection: 'subscriptions', data: { tenant: tenantId, status: 'none' }, depth: 0, overrideAccess: true, req })
}

export async function updateSubscription(callerReq: PayloadRequest, id: string, data: Partial<Subscription>): Promise<Subscription> {
  const req = await systemReqOf(callerReq)
  return req.payload.update({ collection: 'subscriptions', id, data, depth: 0, overrideAccess: true, req })
}

/** The plan a Stripe price belongs to (its monthly, yearly or metered price as the last sync made it), and the interval. */
export async function planOfPrice(req: PayloadRequest, priceId: string): Promise<Plan | null> {
  const { docs } = await req.payload.find({
    collection: 'plans',
    where: { or: [{ 'stripe.monthlyPriceId': { equals: priceId } }, { 'stripe.yearlyPriceId': { equals: priceId } }] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
  })
  return docs[0] ?? null
}

/** The subscription's plan item: the one whose price is licensed (not metered). */
export const baseItem = (sub: Stripe.Subscription) => sub.items.data.find((i) => i.price.recurring?.usage_type !== 'metered') ?? sub.items.data[0]

/**
 * Mirror what Stripe says about a subscription now (the webhook job reads it from Stripe, so
 * events that arrive late, twice or out of order all converge on Stripe's current state), then
 * apply it to the shop: trialing or active → on that plan and usable; past_due → a grace period
 * (`graceDays`), the tenant-admins told once, suspended by the grace check when it ends; canceled
 * / unpaid / incomplete_expired → suspended "Subscription ended" (the plan is no longer paid).
 */
export async function mirrorSubscription(req: PayloadRequest, tenantId: string, sub: Stripe.Subscription): Promise<Subscription> {
  const options = hostOf(req)
  const row = await subscriptionRow(req, tenantId)
  // Another customer's subscription (an event naming this shop's customer but another's object) is never copied in.
  if (row.stripeCustomerId && sid(sub.customer) !== row.stripeCustomerId) {
    req.payload.logger.warn({ tenant: tenantId, subscription: sub.id }, 'billing: a Stripe subscription of another customer was not applied to this shop')
    return row
  }
  if (row.stripeSubscriptionId && row.stripeSubscriptionId !== sub.id && sub.status === 'canceled') return row // an old subscription ending changes nothing of the new one
  const item = baseItem(sub)
  const plan = item ? await planOfPrice(req, item.price.id) : null
  const now = new Date()
  const pastDue = sub.status === 'past_due' || sub.status === 'unpaid'
  const pastDueSince = pastDue ? (row.pastDueSince ?? now.toISOString()) : null
  const data: Partial<Subscription> = {
    status: (SUBSCRIPTION_STATUSES as readonly string[]).includes(sub.status) ? (sub.status as Subscription['status']) : 'incomplete',
    plan: plan?.id ?? (typeof row.plan === 'object' ? row.plan?.id : row.plan) ?? null,
    interval: item?.price.recurring?.interval === 'year' ? 'year' : 'month',
    stripeCustomerId: sid(sub.customer),
    stripeSubscriptionId: sub.id,
    stripePriceId: item?.price.id ?? null,
    currentPeriodStart: isoOf(item?.current_period_start),
    currentPeriodEnd: isoOf(item?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    trialEnd: isoOf(sub.trial_end),
    paymentFailing: pastDue,
    pastDueSince,
    graceEndsAt: pastDueSince ? new Date(Date.parse(pastDueSince) + options.graceDays() * DAY).toISOString() : null,
    latestInvoice: sid(sub.latest_invoice),
    amount: item?.price.unit_amount ?? null,
    currency: item?.price.currency ?? null,
    compedUntil: null,
    compReason: null,
  }
  const saved = await updateSubscription(req, row.id, data)
  if (sub.status === 'active' || sub.status === 'trialing') await activate(req, tenantId, plan?.id ?? null)
  else if (pastDue && !row.pastDueSince) {
    const name = await shopName(req, tenantId)
    await emailAdmins(
      req,
      tenantId,
      `${name}: a payment failed`,
      `We could not take the payment for ${name}'s subscription. Pay the open invoice (Billing in the admin) by ${data.graceEndsAt!.slice(0, 10)}, or the shop will be suspended.`,
    )
  } else if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
    if (await suspend(req, tenantId, BILLING_REASONS.ended)) {
      const name = await shopName(req, tenantId)
      await emailAdmins(req, tenantId, `${name}: your subscription has ended`, `The subscription of ${name} has ended and the shop is suspended. Choose a plan under Billing to reactivate it.`)
    }
  }
  return saved
}

/** Mirror one invoice (upsert by its Stripe id); null when it is another customer's. */
export async function mirrorInvoice(callerReq: PayloadRequest, tenantId: string, inv: Stripe.Invoice): Promise<Invoice | null> {
  const req = await systemReqOf(callerReq)
  const row = await subscriptionRow(req, tenantId)
  if (row.stripeCustomerId && sid(inv.customer) !== row.stripeCustomerId) {
    req.payload.logger.warn({ tenant: tenantId, invoice: inv.id }, 'billing: a Stripe invoice of another customer was not applied to this shop')
    return null
  }
  const data = {
    tenant: tenantId,
    stripeInvoiceId: inv.id,
    number: inv.number ?? null,
    status: inv.status && (INVOICE_STATUSES as readonly string[]).includes(inv.status) ? (inv.status as NonNullable<Invoice['status']>) : null,
    amountDue: inv.amount_due,
    amountPaid: inv.amount_paid,
    currency: inv.currency,
    billingReason: inv.billing_reason ?? null,
    periodStart: isoOf(inv.period_start),
    periodEnd: isoOf(inv.period_end),
    attemptCount: inv.attempt_count,
    hostedUrl: inv.hosted_invoice_url ?? null,
    pdfUrl: inv.invoice_pdf ?? null,
  }
  const { docs } = await req.payload.find({ collection: 'invoices', where: { stripeInvoiceId: { equals: inv.id } }, depth: 0, limit: 1, overrideAccess: true, req })
  return docs[0]
    ? req.payload.update({ collection: 'invoices', id: docs[0].id, data, depth: 0, overrideAccess: true, req })
    : req.payload.create({ collection: 'invoices', data, depth: 0, overrideAccess: true, req })
}

/** The subscription an invoice belongs to (basil: `parent.subscription_details.subscription`). */
export const subscriptionOfInvoice = (inv: Stripe.Invoice): null | string => sid((inv as { parent?: { subscription_details?: { subscription?: unknown } } }).parent?.subscription_details?.subscription)
