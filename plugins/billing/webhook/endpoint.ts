import { sql } from '@payloadcms/db-postgres'
import type { Endpoint, PayloadRequest } from 'payload'

import { fail } from '../errors'
import { PROCESS_EVENTS_TASK } from '../jobs/process-events'
import { hostOf, type ResolvedBillingOptions } from '../options'
import { sid, type Stripe, stripeOf } from '../stripe/client'

export const WEBHOOK_PATH = '/billing/stripe/webhook'
const MAX_BYTES = 1024 * 1024

/** The shop a Stripe customer is (the SECURITY DEFINER lookup: the webhook has no tenant context). */
async function tenantOfCustomer(req: PayloadRequest, customer: string): Promise<null | string> {
  const rows = await hostOf(req).db.runSql(req, sql`select billing_customer_tenant(${customer}) as tenant_id`)
  return typeof rows[0]?.tenant_id === 'string' ? rows[0].tenant_id : null
}

/** The customer an event is about: every object we handle carries one (a checkout session, a subscription, an invoice). */
const customerOf = (event: Stripe.Event): null | string => sid((event.data.object as { customer?: unknown }).customer)

async function rawBody(req: PayloadRequest): Promise<string> {
  const request = req as unknown as Request
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > MAX_BYTES) throw fail('payload_too_large', `A Stripe webhook is at most ${MAX_BYTES} bytes.`, 413)
  const text = (await request.text?.()) ?? ''
  if (Buffer.byteLength(text) > MAX_BYTES) throw fail('payload_too_large', `A Stripe webhook is at most ${MAX_BYTES} bytes.`, 413)
  return text
}

/** The event, when `Stripe-Signature` signs exactly this body with one of the endpoint's secrets (stripe-node's constructEvent, 300 s tolerance). */
function verified(options: ResolvedBillingOptions, body: string, header: null | string): Stripe.Event {
  const secrets = options.webhookSecrets()
  if (secrets.length === 0) throw fail('not_configured', 'Stripe webhooks are not set up on this server (STRIPE_WEBHOOK_SECRET).', 503)
  if (!header) throw fail('invalid_input', 'The Stripe-Signature header is missing.', 400, { errors: [{ path: 'Stripe-Signature', message: 'Required.' }] })
  const stripe = stripeOf(options)
  let last: unknown
  for (const secret of secrets) {
    try {
      return stripe.webhooks.constructEvent(body, header, secret, 300)
    } catch (error) {
      last = error
    }
  }
  const why = last instanceof Error ? last.message.split('\n')[0] : 'it does not match'
  throw fail('invalid_input', `The Stripe-Signature does not sign this body: ${why}`, 400, { errors: [{ path: 'Stripe-Signature', message: 'Does not match.' }] })
}

/**
 * POST /api/billing/stripe/webhook — Stripe's deliveries (README, "Webhooks"). The signature is
 * checked on the raw body first (400, nothing stored, when it fails); the event is routed to the
 * shop of its customer — only a customer billing created for a shop names one, whatever the
 * event's metadata says — and stored once by its id in that shop's `billing-events`; a job
 * applies it. Events about a customer of no shop are answered 200 and dropped (Stripe stops
 * retrying them). Answers fast: Stripe waits a few seconds at most.
 */
export const webhookEndpoint: Endpoint = {
  path: WEBHOOK_PATH,
  method: 'post',
  custom: { body: { accepts: ['application/json'], maxBytes: MAX_BYTES } },
  handler: async (req) => {
    const options = hostOf(req)
    if (!options.secretKey()) throw fail('not_found', 'Billing is not set up on this server (STRIPE_SECRET_KEY).', 404)
    const body = await rawBody(req)
    const event = verified(options, body, (req as unknown as Request).headers.get('stripe-signature'))
    const customer = customerOf(event)
    const tenantId = customer ? await tenantOfCustomer(req, customer) : null
    if (!tenantId) {
      req.payload.logger.warn({ event: event.id, type: event.type, customer }, 'billing: a Stripe event about no shop’s customer was dropped')
      return Response.json({ received: true, ignored: 'No shop has this customer.' })
    }
    const stored = await options.tenancy.runWithTenant({ tenantId, via: 'job' }, async () => {
      const rows = await options.db.runSql(
        req,
        sql`insert into billing_events (id, tenant_id, event_id, type, stripe_created, state, attempts, payload, updated_at, created_at)
            values (gen_random_uuid(), ${tenantId}::uuid, ${event.id}, ${event.type}, ${event.created}, 'pending', 0, ${body}::jsonb, now(), now())
            on conflict (event_id) do nothing returning id`,
      )
      return rows.length
    })
    if (stored) {
      await options.jobs.queueForTenants(req, PROCESS_EVENTS_TASK, [tenantId])
      options.jobs.kickJobs(req.payload, options.runJobsAfterMs)
    }
    return Response.json({ received: true, duplicate: stored === 0 })
  },
}
