import type { Endpoint, PayloadRequest } from 'payload'

import type { Invoice, Subscription, Tenant } from '../../../payload-types'
import { fail, invalid, upstream } from '../errors'
import { hostOf } from '../options'
import { syncPrices } from '../stripe/sync-prices'
import { subscriptionRow, updateSubscription } from '../stripe/mirror'
import { activate } from '../tenant-effects'
import { subscriptionSummary } from './summary'
import { jsonBody } from './tenant'

function requireSuperAdmin(req: PayloadRequest): void {
  if (!req.user) throw fail('unauthorized', 'Sign in first.', 401)
  if (!hostOf(req).access.isSuperAdmin(req.user)) throw fail('forbidden', 'Only the platform’s super-admin may do this.', 403)
}

const asSystem = <T>(req: PayloadRequest, why: string, fn: () => Promise<T>) => hostOf(req).tenancy.runAsSystem(`billing: ${why}`, fn)

/** POST /api/billing/sync-prices — the super-admin makes Stripe hold the plans' prices (stripe/sync-prices.ts). */
export const syncPricesEndpoint: Endpoint = {
  path: '/billing/sync-prices',
  method: 'post',
  handler: async (req) => {
    requireSuperAdmin(req)
    try {
      const result = await syncPrices(req)
      await hostOf(req).audit(req, { tenant: null, action: 'update', collection: 'plans', summary: `prices synced with Stripe: ${result.created} created, ${result.archived} archived` })
      return Response.json(result)
    } catch (error) {
      throw upstream(error)
    }
  },
}

/** Monthly recurring revenue of one subscription, in minor units (a yearly price counts a twelfth). */
export const mrrOf = (s: Pick<Subscription, 'status' | 'amount' | 'interval'>) => (s.status === 'active' || s.status === 'past_due' ? Math.round((s.amount ?? 0) / (s.interval === 'year' ? 12 : 1)) : 0)

/**
 * GET /api/billing/overview — the super-admin's view across shops: MRR per currency (active and
 * past-due subscriptions), subscriptions by status (shops without one count as `none`), the
 * open invoices whose payment failed, and each shop's line. Read as the platform.
 */
export const overviewEndpoint: Endpoint = {
  path: '/billing/overview',
  method: 'get',
  handler: async (req) => {
    requireSuperAdmin(req)
    return asSystem(req, 'the platform overview', async () => {
      const find = <T>(collection: 'subscriptions' | 'tenants' | 'invoices', where = {}) =>
        req.payload.find({ collection, where, depth: 0, limit: 10_000, pagination: false, overrideAccess: true, req }).then((r) => r.docs as T[])
      const [subs, tenants, failing, plans] = await Promise.all([
        find<Subscription>('subscriptions'),
        find<Tenant>('tenants', { deletedAt: { exists: false } }),
        find<Invoice>('invoices', { and: [{ status: { equals: 'open' } }, { attemptCount: { greater_than: 0 } }] }),
        req.payload.find({ collection: 'plans', depth: 0, limit: 500, pagination: false, overrideAccess: true, req }).then((r) => r.docs),
      ])
      const byTenant = new Map(subs.map((s) => [String(typeof s.tenant === 'object' ? s.tenant?.id : s.tenant), s]))
      const planName = new Map(plans.map((p) => [p.id, p.name]))
      const byStatus: Record<string, number> = { active: 0, trialing: 0, past_due: 0, canceled: 0, comped: 0, none: 0 }
      const mrr = new Map<string, number>()
      const rows = tenants.map((t) => {
        const s = byTenant.get(t.id)
        const status = s?.status ?? 'none'
        byStatus[status] = (byStatus[status] ?? 0) + 1
        const currency = (s?.currency ?? t.currency ?? 'BDT').toUpperCase()
        const value = s ? mrrOf(s) : 0
        if (value) mrr.set(currency, (mrr.get(currency) ?? 0) + value)
        const planId = typeof t.plan === 'object' ? t.plan?.id : t.plan
        return { id: t.id, name: t.displayName || t.name, status: t.status, plan: planId ? (planName.get(planId) ?? null) : null, subscription: status, mrr: value, currency }
      })
      const names = new Map(tenants.map((t) => [t.id, t.displayName || t.name]))
      return Response.json({
        currencyTotals: [...mrr].map(([currency, total]) => ({ currency, mrr: total })),
        byStatus,
        failedPayments: failing.map((i) => {
          const tenantId = String(typeof i.tenant === 'object' ? i.tenant?.id : i.tenant)
          return {
            tenant: { id: tenantId, name: names.get(tenantId) ?? null },
            invoice: i.number ?? i.stripeInvoiceId,
            amountDue: i.amountDue ?? 0,
            currency: (i.currency ?? '').toUpperCase(),
            attemptCount: i.attemptCount ?? 0,
            at: i.updatedAt,
          }
        }),
        tenants: rows,
      })
    })
  },
}

/**
 * POST /api/billing/comp `{ tenant, plan, until?, reason }` — the super-admin puts a shop on a
 * plan without Stripe (a partner, a refund, a migration): status `comped` until `until` (or
 * until changed), the shop active on that plan; audited. A live Stripe subscription is left as it is.
 */
export const compEndpoint: Endpoint = {
  path: '/billing/comp',
  method: 'post',
  handler: async (req) => {
    requireSuperAdmin(req)
    const body = await jsonBody(req)
    const errors: { path: string; message: string }[] = []
    if (typeof body.tenant !== 'string' || !body.tenant) errors.push({ path: 'tenant', message: 'The shop’s id.' })
    if (typeof body.plan !== 'string' || !body.plan) errors.push({ path: 'plan', message: 'The plan’s id.' })
    const reason = typeof body.reason === 'string' ? body.reason.trim() : ''
    if (!reason || reason.length > 300) errors.push({ path: 'reason', message: 'Why (at most 300 characters): it is audited.' })
    const until = body.until === undefined || body.until === null || body.until === '' ? null : typeof body.until === 'string' && !Number.isNaN(Date.parse(body.until)) ? new Date(body.until) : undefined
    if (until === undefined || (until && until.getTime() <= Date.now())) errors.push({ path: 'until', message: 'A date in the future, or nothing.' })
    if (errors.length) throw fail('invalid_input', errors.map((e) => `${e.path}: ${e.message}`).join(' '), 400, { errors })
    const tenantId = String(body.tenant)
    const found = await asSystem(req, 'comp', () =>
      Promise.all([
        req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req, disableErrors: true }).catch(() => null),
        req.payload.findByID({ collection: 'plans', id: String(body.plan), depth: 0, overrideAccess: true, req, disableErrors: true }).catch(() => null),
      ]),
    )
    if (!found[0]) throw invalid('tenant', 'No such shop.')
    if (!found[1]) throw invalid('plan', 'No such plan.')
    return hostOf(req).tenancy.runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, async () => {
      const row = await subscriptionRow(req, tenantId)
      const live = row.stripeSubscriptionId && ['active', 'trialing', 'past_due'].includes(row.status)
      if (live) throw fail('conflict', 'The shop pays through Stripe: cancel its subscription before comping it.', 409)
      const saved = await updateSubscription(req, row.id, {
        status: 'comped',
        plan: found[1]!.id,
        compedUntil: until ? until.toISOString() : null,
        compReason: reason,
        paymentFailing: false,
        pastDueSince: null,
        graceEndsAt: null,
      })
      await activate(req, tenantId, found[1]!.id)
      await hostOf(req).audit(req, {
        tenant: tenantId,
        action: 'update',
        collection: 'subscriptions',
        documentId: saved.id,
        summary: `comped on ${found[1]!.slug}${until ? ` until ${until.toISOString().slice(0, 10)}` : ''}: ${reason}`,
      })
      return Response.json({ subscription: subscriptionSummary(saved) })
    })
  },
}
