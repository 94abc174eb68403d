import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import type { MeterPush, Plan, Subscription, Tenant, User } from '../../../payload-types'
import type { BillingCollection } from '../../../plugins/billing'
import { runWithTenant } from '../../../src/tenancy/request-context'
import { signatureHeader, startFakeStripe, type FakeStripe } from '../../fakes/stripe'
import { api, login, rawApi } from './api'
import { startRouteServer } from './couriers'
import { asSystem, createStaff, createSuperAdmin, createTenant, PASSWORD } from './factories'
import { drainQueue } from './jobs-queue'

export const WEBHOOK_SECRET = 'whsec_test_billing_secret'

/** The fake Stripe, the app's routes on loopback for its webhooks, and the env pointing the app at both (restored by `close`). */
export async function billingWorld(): Promise<{ stripe: FakeStripe; origin: string; close: () => Promise<void> }> {
  const stripe = await startFakeStripe()
  const server = await startRouteServer()
  const saved = { key: process.env.STRIPE_SECRET_KEY, url: process.env.STRIPE_API_URL, secret: process.env.STRIPE_WEBHOOK_SECRET, server: process.env.SERVER_URL, debounce: process.env.BILLING_JOBS_DEBOUNCE_MS }
  process.env.STRIPE_SECRET_KEY = stripe.apiKey
  process.env.STRIPE_API_URL = stripe.url
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
  process.env.SERVER_URL = server.origin
  stripe.setWebhook(`${server.origin}/api/billing/stripe/webhook`, WEBHOOK_SECRET)
  const restore = (name: string, value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value))
  return {
    stripe,
    origin: server.origin,
    close: async () => {
      restore('STRIPE_SECRET_KEY', saved.key)
      restore('STRIPE_API_URL', saved.url)
      restore('STRIPE_WEBHOOK_SECRET', saved.secret)
      restore('SERVER_URL', saved.server)
      await stripe.close()
      await server.close()
    },
  }
}

/** A paid plan (BDT 1,500/month, 15,000/year, 100 messages included) with optional overage prices. */
export async function paidPlan(payload: Payload, data: Partial<Plan> = {}): Promise<Plan> {
  const slug = `paid-${Math.random().toString(36).slice(2, 8)}`
  return asSystem(() =>
    payload.create({
      collection: 'plans',
      overrideAccess: true,
      data: { name: `Paid ${slug}`, slug, priceMonthly: 150_000, priceYearly: 1_500_000, currency: 'BDT', limits: { monthlyMessages: 100 }, features: ['whatsapp', 'messenger', 'couriers'], ...data },
    }),
  )
}

export type BillingShop = { tenant: Tenant; admin: User; token: string }

/** A shop in trial with a signed-in tenant-admin. */
export async function billingShop(payload: Payload, data: Partial<Tenant> = {}): Promise<BillingShop> {
  const tenant = await createTenant(payload, { status: 'trial', trialEndsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(), ...data })
  const admin = await createStaff(payload, tenant, 'tenant-admin')
  return { tenant, admin, token: await login(admin.email, PASSWORD) }
}

export async function superAdminToken(payload: Payload): Promise<string> {
  const user = await createSuperAdmin(payload)
  return login(user.email, PASSWORD)
}

/** Sync prices as the super-admin (asserting it worked). */
export async function syncPrices(token: string) {
  const res = await api('POST', '/billing/sync-prices', { token })
  if (res.status !== 200) throw new Error(`sync-prices: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { plans: number; created: number; archived: number; meters: number; products: number }
}

/** Start checkout for the shop and pay on the fake's page; then let the app apply the webhooks. */
export async function subscribe(payload: Payload, stripe: FakeStripe, shop: BillingShop, plan: Plan, interval: 'month' | 'year' = 'month', pay: { fail?: boolean } = {}) {
  const res = await api('POST', `/billing/checkout?tenant=${shop.tenant.id}`, { token: shop.token, body: { plan: plan.id, interval } })
  if (res.status !== 200) throw new Error(`checkout: ${res.status} ${JSON.stringify(res.body)}`)
  const session = String(res.body.url).split('/checkout/')[1]
  const paid = await stripe.pay(session, pay)
  await settle(payload, stripe)
  return { url: res.body.url as string, session, paid }
}

/** Wait for the fake's deliveries, then run the jobs they queued. */
export async function settle(payload: Payload, stripe: FakeStripe) {
  await stripe.waitForDeliveries()
  await drainQueue(payload)
}

export const tenantNow = (payload: Payload, id: string): Promise<Tenant> => asSystem(() => payload.findByID({ collection: 'tenants', id, depth: 0, overrideAccess: true }))
export const subscriptionOf = async (payload: Payload, tenantId: string) =>
  (await asSystem(() => payload.find({ collection: 'subscriptions', where: { tenant: { equals: tenantId } }, depth: 0, overrideAccess: true }))).docs[0] as Subscription | undefined

/** Work for one shop as a job or another plugin does it: its own request, in the shop's tenant context. */
export const forTenant = async <T>(payload: Payload, tenantId: string, fn: (req: PayloadRequest) => Promise<T>) => runWithTenant({ tenantId, via: 'job' }, async () => fn(await createLocalReq({}, payload)))

/** Run the hourly metered-usage push (billingMeterPush) as of `now`, and whatever it queues. */
export async function meterPush(payload: Payload, now: Date) {
  await payload.jobs.queue({ task: 'billingMeterPush', input: { now: now.toISOString() } })
  await drainQueue(payload)
}

/** A shop's meter-push rows, oldest hour first (read as the platform). */
export const meterPushesOf = async (payload: Payload, tenantId: string) =>
  (await asSystem(() => payload.find({ collection: 'meter-pushes', where: { tenant: { equals: tenantId } }, sort: 'hour', depth: 0, limit: 100, overrideAccess: true }))).docs

/** A Stripe event as Stripe sends it (the fake's API version), about `object`. */
export const stripeEvent = (id: string, type: string, object: object) => ({
  id,
  object: 'event',
  api_version: '2026-10-28.endive',
  created: Math.floor(Date.now() / 1000),
  type,
  livemode: false,
  data: { object },
})

/** POST an event to the app's webhook, signed with the endpoint's secret (as Stripe would sign it). */
export function postEvent(event: object) {
  const body = JSON.stringify(event, null, 2)
  return rawApi('POST', '/billing/stripe/webhook', { headers: { 'content-type': 'application/json', 'stripe-signature': signatureHeader(body, WEBHOOK_SECRET) }, body })
}

/** The stored rows of one Stripe event (read as the platform). */
export const storedEvents = (payload: Payload, eventId: string) =>
  asSystem(() => payload.find({ collection: 'billing-events', where: { eventId: { equals: eventId } }, depth: 0, overrideAccess: true })).then((r) => r.docs)

/** A shop's rows of one billing collection, by id (read as the platform). */
export const billingRows = (payload: Payload, collection: BillingCollection, tenantId: string) =>
  asSystem(() => payload.find({ collection, where: { tenant: { equals: tenantId } }, depth: 0, limit: 100, sort: 'id', overrideAccess: true })).then((r) => r.docs)

/** A meter-push row as the hourly job writes it (a fixture for tests that only need one to aim at). */
export const meterPushRow = (payload: Payload, tenant: string): Promise<MeterPush> =>
  asSystem(() =>
    payload.create({
      collection: 'meter-pushes',
      overrideAccess: true,
      data: { tenant, identifier: `${tenant}:monthlyMessages:2026-01-01T00`, metric: 'monthlyMessages', period: '2026-01', hour: '2026-01-01T00:00:00.000Z', value: 3, state: 'sent' },
    }),
  )
