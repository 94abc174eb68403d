import type { PayloadRequest, TaskConfig } from 'payload'

import type { PerTenantTask } from '../host'
import type { ResolvedBillingOptions } from '../options'
import { sid, type Stripe, stripeOf } from '../stripe/client'
import { mirrorInvoice, mirrorSubscription, subscriptionOfInvoice, subscriptionRow } from '../stripe/mirror'
import { emailAdmins, shopName } from '../tenant-effects'

export const PROCESS_EVENTS_TASK = 'billingProcessEvents' as PerTenantTask
const BATCH = 100

/**
 * Apply one stored event by reading the object it names from Stripe now (README, "Webhooks"):
 * a checkout or subscription event mirrors the subscription; an invoice event mirrors the
 * invoice and then its subscription (whose status — active again, or past_due — is what the
 * shop follows). So a duplicate, late or out-of-order event converges on Stripe's current state.
 */
async function apply(options: ResolvedBillingOptions, req: PayloadRequest, tenantId: string, event: Stripe.Event): Promise<void> {
  const stripe = stripeOf(options)
  const object = event.data.object as { id?: string; subscription?: unknown; object?: string }
  const subscription = async (id: null | string) => {
    if (!id) return
    try {
      await mirrorSubscription(req, tenantId, await stripe.subscriptions.retrieve(id))
    } catch (error) {
      // A subscription Stripe no longer has: the event's own copy is the last word.
      if ((error as { statusCode?: number }).statusCode === 404 && event.type.startsWith('customer.subscription.')) await mirrorSubscription(req, tenantId, event.data.object as Stripe.Subscription)
      else throw error
    }
  }
  switch (event.type) {
    case 'checkout.session.completed':
      return subscription(sid(object.subscription))
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return subscription(object.id ?? null)
    case 'customer.subscription.trial_will_end': {
      await subscription(object.id ?? null)
      const row = await subscriptionRow(req, tenantId)
      const name = await shopName(req, tenantId)
      const end = row.trialEnd ? row.trialEnd.slice(0, 10) : 'soon'
      return emailAdmins(req, tenantId, `${name}: your trial ends on ${end}`, `The trial of ${name} ends on ${end}; the card on file will then be charged for the plan. Manage it under Billing in the admin.`)
    }
    case 'invoice.finalized':
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = await stripe.invoices.retrieve(object.id!)
      if (!(await mirrorInvoice(req, tenantId, invoice))) return
      return subscription(subscriptionOfInvoice(invoice))
    }
    default:
      return
  }
}

/**
 * `billingProcessEvents` — a shop's pending Stripe events, oldest first, each in its own
 * transaction (its effects and its `done` commit together). Runs for suspended shops too (a
 * payment reactivates them), so it is not one of the host's tenant tasks that skip them. An
 * event that fails is kept `failed` with the error and tried again by the job's retries.
 */
export const processEventsTask = (options: ResolvedBillingOptions): TaskConfig<{ input: { tenantId: string }; output: { applied: number; failed: number } }> => ({
  slug: PROCESS_EVENTS_TASK,
  label: 'Apply Stripe events',
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } },
  inputSchema: [{ name: 'tenantId', type: 'text', required: true }],
  handler: async ({ input, req }) =>
    options.tenancy.runWithTenant({ tenantId: input.tenantId, via: 'job' }, async () => {
      const { docs } = await req.payload.find({
        collection: 'billing-events',
        where: { state: { in: ['pending', 'failed'] } },
        sort: 'stripeCreated',
        depth: 0,
        limit: BATCH,
        overrideAccess: true,
        req,
      })
      let applied = 0
      let failed = 0
      for (const row of docs) {
        try {
          await options.db.withTransaction(req, async () => {
            await apply(options, req, input.tenantId, row.payload as unknown as Stripe.Event)
            await req.payload.update({ collection: 'billing-events', id: row.id, data: { state: 'done', error: null, attempts: (row.attempts ?? 0) + 1 }, depth: 0, overrideAccess: true, req })
          })
          applied++
        } catch (error) {
          failed++
          const message = error instanceof Error ? error.message.slice(0, 500) : String(error)
          req.payload.logger.warn({ err: error, event: row.eventId }, 'billing: a Stripe event could not be applied; it is retried')
          await req.payload.update({ collection: 'billing-events', id: row.id, data: { state: 'failed', error: message, attempts: (row.attempts ?? 0) + 1 }, depth: 0, overrideAccess: true, req })
        }
      }
      if (failed > 0) throw new Error(`${failed} Stripe event(s) failed; retrying`)
      return { output: { applied, failed } }
    }),
})
