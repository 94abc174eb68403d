/**
 * A stateful loopback fake of the Stripe API for stripe-node (integrations.md §4; the billing
 * contract of issue 17), which also sends Stripe's signed webhooks.
 *
 *   const fake = await startFakeStripe()            // { apiKeys?, port?, apiVersion? }
 *   const stripe = new Stripe(fake.apiKey, fake.clientOptions) // host 127.0.0.1, port, protocol http, maxNetworkRetries 0, telemetry false
 *   fake.setWebhook('http://127.0.0.1:3000/api/billing/stripe/webhook', 'whsec_…', { secondSecret?, timestampOffset? })
 *
 * API (under /v1, form-urlencoded with bracket nesting, Bearer or basic auth, `Request-Id`,
 * `Idempotency-Key` replays on POST (`Idempotent-Replayed: true`; other params → 400 idempotency_error),
 * `expand[]` along any id path (`subscription`, `latest_invoice`, `subscription.latest_invoice`, `data.x`),
 * lists `{ object:'list', data, has_more, url }` newest first with limit/starting_after/ending_before,
 * errors `{ error: { type, code, message, param } }` (400 bad params, 401 unknown key, 402 declined, 404 resource_missing)):
 * customers (create/retrieve/update/list), products (create/retrieve/update/list), prices (create/retrieve/
 * update/list by product, active, lookup_keys, type; licensed or metered with recurring[meter]),
 * billing/meters (create/list/retrieve, event_summaries), billing/meter_events (dedupe by identifier →
 * 400 duplicate_meter_event), checkout/sessions (create mode=subscription, retrieve, expire),
 * subscriptions (list, retrieve, update: items price swap / add / delete, proration_behavior, proration_date,
 * cancel_at_period_end, metadata, trial_end=now; DELETE cancels), invoices (list, retrieve, create_preview, pay
 * incl. paid_out_of_band), billing_portal/sessions (create).
 *
 * Pages (not under /v1): `/checkout/<cs>` (Pay, "Pay with a declined card", Cancel link) → POST
 * `/checkout/<cs>/pay` → 303 to success_url; `/portal/<bps>` (the customer's invoices, Return link);
 * `/invoices/<in>` (hosted invoice; Pay while open) and `/invoices/<in>/pdf`.
 *
 * Test controls: pay(cs, { fail }), advance(sub, { fail }), endTrial(sub), trialWillEnd(sub),
 * setCardFailing(cus, bool), payInvoice(in), usage(cus, mtr, periodStart?), tick(seconds);
 * webhooks: events, deliveries (one row per attempt), redeliver(evt), hold() / held() / release('reverse' | ids),
 * waitForDeliveries(); faults: failNext(n, status, error?, { method?, path? }), down('refuse' | '503'), up();
 * calls (every API request), state (the Store: maps of every object).
 *
 * Event order (chosen; Stripe does not guarantee one): checkout pay → customer.subscription.created,
 * invoice.finalized, invoice.paid, checkout.session.completed. advance → customer.subscription.updated
 * (the new period), invoice.finalized, invoice.paid | invoice.payment_failed (+ customer.subscription.updated
 * → past_due). Update with always_invoice → customer.subscription.updated, invoice.finalized, invoice.paid.
 * Control methods (and the Pay buttons, before redirecting) await the deliveries they cause and answer snapshots;
 * API requests do not wait (their events go out in the background, in order). `state` is live.
 * The body is pretty-printed JSON (as Stripe sends it); `Stripe-Signature: t=…,v1=…[,v1=…]`.
 *
 * [unconfirmed] / simplified vs the real Stripe:
 * - no invoice.created / invoice.payment_succeeded / customer.* events; the subscription is created already
 *   active (or trialing), not incomplete-then-updated; a trial checkout has payment_status 'no_payment_required';
 * - periods are virtual: advance() moves the subscription's period, not a clock, and a meter event counts
 *   toward the customer's live subscription period current when it arrives (its timestamp is only checked:
 *   ≤ 35 days old, ≤ 5 min ahead); usage during a trial is billed like any other;
 * - a declined checkout leaves the session open and creates nothing; dunning stops after 4 attempts
 *   (next_payment_attempt null) but the subscription stays past_due (no unpaid/cancel);
 * - prorations: `(remaining period / period) × price difference`, per second; create_prorations lines wait for
 *   the next invoice; an interval change resets the cycle and invoices at once; a negative invoice becomes
 *   customer credit (balance), applied to later invoices; payment_behavior and pending updates are ignored;
 * - meter events for an unknown event_name are accepted and count nowhere; error codes
 *   duplicate_meter_event, timestamp_too_far_in_past, invoice_upcoming_none, invoice_not_open are best guesses;
 * - unknown parameters are not rejected (except on price update); `plan` (legacy) is absent on items.
 */
export { startFakeStripe, DEFAULT_API_VERSION, FAKE_STRIPE_KEY, type FakeStripe, type FakeStripeOptions } from './fake'
export { type PayResult } from './checkout'
export { envelope, StripeFakeError, type StripeErrorBody, type StripeErrorType } from './errors'
export { parseForm, type Param, type Params } from './form'
export { type FaultControls, type FaultMatch, type StripeCall } from './server'
export { addInterval, type Customer, type Invoice, type InvoiceStatus, type Item, type Line, type Meter, type MeterEvent, type Price, type Product, type Session, type Store, type Subscription } from './store'
export { signatureHeader, type EventType, type StripeEvent, type WebhookDelivery, type WebhookEndpoint } from './webhooks'
