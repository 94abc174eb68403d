import type { Endpoint, PayloadRequest } from 'payload'

import type { Plan, Subscription } from '../../../payload-types'
import type { BillingStatus, BillingSummary, SubscriptionSummary } from '../admin/types'
import { METERED_METRICS, type MeteredMetric } from '../host'
import { hostOf } from '../options'
import { billingState, isoOf, stripeOf } from '../stripe/client'
import { subscriptionRow } from '../stripe/mirror'
import { systemReqOf } from '../system-req'
import { readTenant } from '../tenant-effects'
import { billingTenant, inShop } from './tenant'

const LABELS: Record<MeteredMetric, string> = { monthlyMessages: 'Messages', aiRequestsPerMonth: 'AI requests', shipmentsPerMonth: 'Shipments' }
const LIVE = new Set(['trialing', 'active', 'past_due', 'unpaid', 'incomplete'])

export const isLive = (row: Pick<Subscription, 'status' | 'stripeSubscriptionId'>) => Boolean(row.stripeSubscriptionId) && LIVE.has(row.status)

const planSummary = (p: Plan) => ({ id: p.id, slug: p.slug, name: p.name, priceMonthly: p.priceMonthly, priceYearly: p.priceYearly, currency: p.currency })

/** Stripe's statuses the admin does not tell apart: an expired first payment and a paused subscription bill nothing, as a cancelled one. */
const SHOWN_AS: Partial<Record<Subscription['status'], SubscriptionSummary['status']>> = { incomplete_expired: 'canceled', paused: 'canceled' }

export function subscriptionSummary(row: Subscription): SubscriptionSummary & { compedUntil: null | string } {
  const status = SHOWN_AS[row.status] ?? (row.status as SubscriptionSummary['status'])
  return {
    status,
    interval: row.interval ?? null,
    currentPeriodEnd: row.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: Boolean(row.cancelAtPeriodEnd),
    graceEndsAt: row.graceEndsAt ?? null,
    compedUntil: row.compedUntil ?? null,
    paymentMethod: row.paymentFailing ? 'failing' : row.stripeSubscriptionId ? 'ok' : 'none',
  }
}

async function usageRows(req: PayloadRequest, tenantId: string, plan: null | Plan) {
  const options = hostOf(req)
  return Promise.all(
    METERED_METRICS.map(async (metric) => {
      const { used, max } = await options.quotas.usage(req, tenantId, metric)
      const unitPrice = plan?.overage?.find((o) => o.metric === metric)?.unitPrice ?? null
      const overage = max === null ? 0 : Math.max(0, used - max)
      return { metric, label: LABELS[metric], included: max, used, overage, unitPrice, estimate: unitPrice ? overage * unitPrice : 0 }
    }),
  )
}

/** Stripe's preview of the next invoice (amount and date), or null when there is none or Stripe cannot say. */
async function nextInvoice(req: PayloadRequest, row: Subscription) {
  if (!isLive(row) || !row.stripeCustomerId || row.cancelAtPeriodEnd) return null
  try {
    const preview = await stripeOf(hostOf(req)).invoices.createPreview({ customer: row.stripeCustomerId, subscription: row.stripeSubscriptionId! })
    const date = isoOf(preview.next_payment_attempt ?? preview.period_end) ?? row.currentPeriodEnd ?? null
    return date ? { date, amount: preview.amount_due, currency: preview.currency.toUpperCase() } : null
  } catch (error) {
    req.payload.logger.warn({ err: error }, 'billing: Stripe could not preview the next invoice')
    return null
  }
}

/**
 * GET /api/billing/summary[?tenant=] — the shop's Billing view (tenant-admins, the super-admin):
 * plan, subscription, next invoice, metered usage against the included amounts with the billable
 * overage and its estimate, invoices, and the plans on offer. `enabled: false` with the reason
 * when billing is off on this server.
 */
export const summaryEndpoint: Endpoint = {
  path: '/billing/summary',
  method: 'get',
  handler: async (req) => {
    const tenantId = await billingTenant(req)
    return inShop(req, tenantId, async () => {
      const sys = await systemReqOf(req)
      const tenant = await readTenant(req, tenantId)
      const row = await subscriptionRow(req, tenantId)
      const planId = typeof tenant.plan === 'object' ? tenant.plan?.id : tenant.plan
      const plan = planId ? await req.payload.findByID({ collection: 'plans', id: planId, depth: 0, overrideAccess: true, req: sys, disableErrors: true }) : null
      const { docs: plans } = await req.payload.find({ collection: 'plans', where: { active: { equals: true } }, depth: 0, limit: 100, pagination: false, sort: 'priceMonthly', overrideAccess: true, req: sys })
      const { docs: invoices } = await req.payload.find({ collection: 'invoices', where: { tenant: { equals: tenantId } }, depth: 0, limit: 24, sort: '-periodEnd', overrideAccess: true, req: sys })
      const state = billingState(hostOf(req))
      const answer: BillingSummary = {
        ...state,
        currency: tenant.currency ?? plan?.currency ?? 'BDT',
        tenant: { id: tenant.id, name: tenant.displayName || tenant.name, status: tenant.status, trialEndsAt: tenant.trialEndsAt ?? null, suspendedReason: tenant.suspendedReason ?? null },
        plan: plan ? planSummary(plan) : null,
        subscription: subscriptionSummary(row),
        nextInvoice: state.enabled ? await nextInvoice(req, row) : null,
        usage: await usageRows(req, tenantId, plan),
        invoices: invoices.map((i) => ({
          id: i.id,
          number: i.number ?? null,
          periodStart: i.periodStart ?? null,
          periodEnd: i.periodEnd ?? null,
          amountDue: i.amountDue ?? 0,
          amountPaid: i.amountPaid ?? 0,
          currency: (i.currency ?? '').toUpperCase(),
          status: i.status ?? 'draft',
          hostedUrl: i.hostedUrl ?? null,
          pdfUrl: i.pdfUrl ?? null,
        })),
        plans: plans.filter((p) => p.stripe?.monthlyPriceId || p.stripe?.yearlyPriceId).map((p) => ({ ...planSummary(p), current: p.id === planId })),
      }
      // The admin's contract (admin/types.ts) is this answer's type: a change to either fails the type check.
      return Response.json(answer, { headers: { 'cache-control': 'no-store' } })
    })
  },
}

/** GET /api/billing/status[?tenant=] — for every staff member of the shop: what the past-due banner needs. */
export const statusEndpoint: Endpoint = {
  path: '/billing/status',
  method: 'get',
  handler: async (req) => {
    const tenantId = await billingTenant(req, 'staff')
    return inShop(req, tenantId, async () => {
      const tenant = await readTenant(req, tenantId)
      const row = await subscriptionRow(req, tenantId)
      const answer: BillingStatus = { status: subscriptionSummary(row).status, graceEndsAt: row.graceEndsAt ?? null, suspendedReason: tenant.suspendedReason ?? null }
      return Response.json(answer, { headers: { 'cache-control': 'no-store' } })
    })
  },
}
