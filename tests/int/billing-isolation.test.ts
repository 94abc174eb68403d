import type { CollectionSlug, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Plan, Subscription, User } from '../../payload-types'
import type { BillingCollection } from '../../plugins/billing'
import { runQueuedJobs } from '../../src/jobs/run-queued-jobs'
import type { FakeStripe } from '../fakes/stripe'
import { api, graphql, login } from './helpers/api'
import { billingRows, billingShop, billingWorld, meterPushRow, paidPlan, postEvent, storedEvents, stripeEvent, subscribe, subscriptionOf, superAdminToken, syncPrices, tenantNow } from './helpers/billing'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { GQL } from './helpers/graphql-names'
import { drainQueue } from './helpers/jobs-queue'
import { freshPayload } from './helpers/payload'

/**
 * A shop's billing is its own (plugins/billing: permissions.ts, the endpoints' tenant rule, the
 * webhook's routing by customer): shop A, subscribed and invoiced, against another shop's
 * tenant-admin, a freshly signed-up stranger shop's, A's own other roles and anonymous callers —
 * over REST, GraphQL and the Local API, the billing endpoints, and Stripe's webhook.
 */
// `admin`: a tenant-admin of another shop, who reads that shop's subscriptions, invoices and pushes (so a list answers 200, and A's rows 404).
type Caller = { name: string; token?: string; user: null | User; headers?: Record<string, string>; admin?: boolean }
const COLLECTIONS: BillingCollection[] = ['subscriptions', 'invoices', 'billing-events', 'meter-pushes']
const PATCHES: Record<BillingCollection, Record<string, unknown>> = {
  subscriptions: { status: 'canceled' },
  invoices: { amountDue: 0, status: 'void' },
  'billing-events': { state: 'failed' },
  'meter-pushes': { value: 999 },
}

describe('billing: one shop’s billing is nobody else’s', () => {
  let payload: Payload
  let world: Awaited<ReturnType<typeof billingWorld>>
  let stripe: FakeStripe
  let superToken: string
  let plan: Plan
  let a: Awaited<ReturnType<typeof billingShop>>
  let b: typeof a
  let subA: Subscription
  let subB: Subscription
  /** A's document ids per collection, and the strings that must never reach an outsider. */
  const own = {} as Record<BillingCollection, string[]>
  let secrets: string[]
  const roles = {} as Record<'marketing-manager' | 'sales-operator' | 'support-agent', Caller>
  let outsiders: Caller[]

  const rows = (c: BillingCollection, tenantId: string) => billingRows(payload, c, tenantId)
  const snapshot = async (tenantId: string) => Object.fromEntries(await Promise.all(COLLECTIONS.map(async (c) => [c, await rows(c, tenantId)])))
  const leaks = (body: unknown) => secrets.filter((s) => JSON.stringify(body ?? null).includes(s))

  beforeAll(async () => {
    payload = await freshPayload()
    world = await billingWorld()
    stripe = world.stripe
    superToken = await superAdminToken(payload)
    plan = await paidPlan(payload)
    await syncPrices(superToken)
    plan = await asSystem(() => payload.findByID({ collection: 'plans', id: plan.id, depth: 0, overrideAccess: true }))
    a = await billingShop(payload, { status: 'active', trialEndsAt: null })
    b = await billingShop(payload, { status: 'active', trialEndsAt: null })
    await subscribe(payload, stripe, a, plan)
    await subscribe(payload, stripe, b, plan)
    subA = (await subscriptionOf(payload, a.tenant.id))!
    subB = (await subscriptionOf(payload, b.tenant.id))!
    await stripe.advance(subA.stripeSubscriptionId!)
    await drainQueue(payload)
    subA = (await subscriptionOf(payload, a.tenant.id))!
    // Metered pushes are the hourly job's; one row each is enough to aim at.
    await meterPushRow(payload, a.tenant.id)
    await meterPushRow(payload, b.tenant.id)
    for (const c of COLLECTIONS) own[c] = (await rows(c, a.tenant.id)).map((d) => String(d.id))
    expect(own.invoices.length).toBe(2)
    expect(own['billing-events'].length).toBeGreaterThan(3)
    secrets = [...Object.values(own).flat(), subA.stripeCustomerId!, subA.stripeSubscriptionId!]

    const signIn = async (user: User) => ({ user, token: await login(user.email, PASSWORD) })
    for (const role of ['marketing-manager', 'sales-operator', 'support-agent'] as const) roles[role] = { name: `A's ${role}`, ...(await signIn(await createStaff(payload, a.tenant, role))) }
    const strangerTenant = await createTenant(payload, { name: 'Just signed up', status: 'trial', trialEndsAt: new Date(Date.now() + 14 * 86_400_000).toISOString() })
    const stranger = { name: 'a stranger shop’s tenant-admin', admin: true, ...(await signIn(await createStaff(payload, strangerTenant, 'tenant-admin'))) }
    const bAdmin = { name: 'B’s tenant-admin', admin: true, user: b.admin, token: b.token }
    outsiders = [bAdmin, { ...bAdmin, admin: false, name: 'B’s tenant-admin naming A in X-Tenant', headers: { 'x-tenant': a.tenant.id } }, stranger, ...Object.values(roles), { name: 'anonymous', user: null }]
  })
  afterAll(async () => {
    await world?.close()
  })

  it('A’s tenant-admin reads A’s subscription, invoices and pushes, never the Stripe events, and cannot write Stripe’s facts', async () => {
    const subs = await api('GET', '/subscriptions?depth=0', { token: a.token })
    expect(subs.status).toBe(200)
    expect(subs.body.docs).toEqual([expect.objectContaining({ id: subA.id, status: 'active', stripeSubscriptionId: subA.stripeSubscriptionId })])
    // What the outsiders' answers are searched for is in the owner's.
    expect(leaks(subs.body)).toEqual(expect.arrayContaining([subA.id, subA.stripeCustomerId, subA.stripeSubscriptionId]))
    const invoices = await api('GET', '/invoices?depth=0', { token: a.token })
    expect(invoices.body.docs.map((d: { id: string }) => d.id).sort()).toEqual([...own.invoices].sort())
    expect((await api('GET', '/meter-pushes?depth=0', { token: a.token })).body.docs.map((d: { id: string }) => d.id)).toEqual(own['meter-pushes'])
    expect((await api('GET', '/billing-events', { token: a.token })).status).toBe(403)
    expect((await api('GET', `/billing-events/${own['billing-events'][0]}`, { token: a.token })).status).toBe(403)

    const before = await snapshot(a.tenant.id)
    for (const c of COLLECTIONS) {
      expect((await api('PATCH', `/${c}/${own[c][0]}`, { token: a.token, body: PATCHES[c] })).status, `PATCH ${c}`).toBe(403)
      expect((await api('DELETE', `/${c}/${own[c][0]}`, { token: a.token })).status, `DELETE ${c}`).toBe(403)
      expect((await api('POST', `/${c}`, { token: a.token, body: { tenant: a.tenant.id, ...PATCHES[c] } })).status, `POST ${c}`).toBe(403)
    }
    const gql = await graphql(
      `
        mutation ($id: String!) {
          updateSubscription(id: $id, data: { status: canceled }) {
            id
            status
          }
        }
      `,
      { token: a.token, variables: { id: subA.id } },
    )
    expect(gql.body.data?.updateSubscription ?? null).toBeNull()
    await expect(payload.update({ collection: 'subscriptions', id: subA.id, data: { status: 'canceled' }, overrideAccess: false, user: a.admin })).rejects.toThrow()
    expect(await snapshot(a.tenant.id)).toEqual(before)
  })

  it('over REST, nobody outside A lists, reads, changes or deletes A’s billing', async () => {
    const before = await snapshot(a.tenant.id)
    for (const caller of outsiders) {
      const opts = { token: caller.token, headers: caller.headers }
      for (const c of COLLECTIONS) {
        const list = await api('GET', `/${c}?depth=0&limit=100`, opts)
        const reads = caller.admin === true && c !== 'billing-events'
        expect(list.status, `${caller.name} lists ${c}`).toBe(reads ? 200 : 403)
        expect(leaks(list.body), `${caller.name} lists ${c}`).toEqual([])
        const where = await api('GET', `/${c}?depth=0&where[tenant][equals]=${a.tenant.id}`, opts)
        expect(leaks(where.body), `${caller.name} filters ${c} by A`).toEqual([])
        for (const id of own[c]) {
          const one = await api('GET', `/${c}/${id}?depth=0`, opts)
          expect(one.status, `${caller.name} reads ${c}/${id}`).toBe(reads ? 404 : 403)
          expect(leaks(one.body)).toEqual([])
        }
        const patch = await api('PATCH', `/${c}/${own[c][0]}`, { ...opts, body: PATCHES[c] })
        expect([401, 403, 404], `${caller.name} patches ${c}`).toContain(patch.status)
        expect([401, 403, 404], `${caller.name} deletes ${c}`).toContain((await api('DELETE', `/${c}/${own[c][0]}`, opts)).status)
        // Nor does a bulk write aimed at A's rows by a filter.
        await api('PATCH', `/${c}?where[tenant][equals]=${a.tenant.id}`, { ...opts, body: PATCHES[c] })
        await api('DELETE', `/${c}?where[tenant][equals]=${a.tenant.id}`, opts)
      }
    }
    expect(await snapshot(a.tenant.id)).toEqual(before)
    // B's tenant-admin does read B's own subscription: the refusals above are A's, not a broken read.
    expect((await api('GET', '/subscriptions?depth=0', { token: b.token })).body.docs).toEqual([expect.objectContaining({ id: subB.id })])
  })

  it('no outsider creates or edits a subscription to claim a Stripe customer (what routes Stripe’s events to a shop)', async () => {
    const claims = (customer: string) => asSystem(() => payload.count({ collection: 'subscriptions', where: { stripeCustomerId: { equals: customer } }, overrideAccess: true })).then((r) => r.totalDocs)
    for (const caller of outsiders) {
      for (const customer of [subA.stripeCustomerId!, 'cus_hijack']) {
        const res = await api('POST', '/subscriptions', { token: caller.token, headers: caller.headers, body: { status: 'active', stripeCustomerId: customer } })
        expect([401, 403], caller.name).toContain(res.status)
      }
    }
    // Not through B's own row either.
    expect((await api('PATCH', `/subscriptions/${subB.id}`, { token: b.token, body: { stripeCustomerId: 'cus_hijack' } })).status).toBe(403)
    expect([await claims(subA.stripeCustomerId!), await claims('cus_hijack')]).toEqual([1, 0])
    expect(await subscriptionOf(payload, b.tenant.id)).toMatchObject({ stripeCustomerId: subB.stripeCustomerId })
  })

  it('over GraphQL, nobody outside A lists, reads or updates A’s billing', async () => {
    const before = await snapshot(a.tenant.id)
    for (const caller of outsiders) {
      const run = (query: string, variables?: object) => graphql(query, { token: caller.token, headers: caller.headers, variables })
      for (const c of COLLECTIONS) {
        const { one, many } = GQL[c]
        const list = await run(`{ ${many}(limit: 100) { docs { id } } }`)
        expect(leaks(list.body.data), `${caller.name} lists ${c}`).toEqual([])
        for (const id of own[c]) {
          const read = await run(`query($id: String!) { ${one}(id: $id) { id } }`, { id })
          expect(read.body.data?.[one] ?? null, `${caller.name} reads ${c}/${id}`).toBeNull()
        }
        const update = await run(`mutation($id: String!, $data: mutation${one}UpdateInput!) { update${one}(id: $id, data: $data) { id } }`, { id: own[c][0], data: PATCHES[c] })
        expect(update.body.data?.[`update${one}`] ?? null, `${caller.name} updates ${c}`).toBeNull()
        expect(update.body.errors?.length, `${caller.name} updates ${c}`).toBeGreaterThan(0)
        const remove = await run(`mutation($id: String!) { delete${one}(id: $id) { id } }`, { id: own[c][0] })
        expect(remove.body.data?.[`delete${one}`] ?? null, `${caller.name} deletes ${c}`).toBeNull()
      }
    }
    expect(await snapshot(a.tenant.id)).toEqual(before)
  })

  it('through the Local API with overrideAccess: false, nobody outside A reads or changes A’s billing', async () => {
    const before = await snapshot(a.tenant.id)
    for (const caller of outsiders.filter((o) => !o.headers)) {
      const as = { overrideAccess: false, user: caller.user, depth: 0 } as const
      for (const c of COLLECTIONS) {
        const collection = c as CollectionSlug
        const found = await payload.find({ collection, limit: 100, ...as }).catch(() => ({ docs: [] }))
        expect(leaks(found.docs), `${caller.name} finds ${c}`).toEqual([])
        for (const id of own[c]) await expect(payload.findByID({ collection, id, ...as }), `${caller.name} reads ${c}/${id}`).rejects.toThrow()
        await expect(payload.update({ collection, id: own[c][0], data: PATCHES[c], ...as }), `${caller.name} updates ${c}`).rejects.toThrow()
        await expect(payload.delete({ collection, id: own[c][0], ...as }), `${caller.name} deletes ${c}`).rejects.toThrow()
        const bulk = await payload.update({ collection, where: { tenant: { equals: a.tenant.id } }, data: PATCHES[c], ...as }).catch(() => ({ docs: [] }))
        expect(bulk.docs).toEqual([])
      }
    }
    expect(await snapshot(a.tenant.id)).toEqual(before)
  })

  it('refuses A’s billing endpoints to B, the stranger and A’s other roles (403), and to anonymous callers (401), without calling Stripe', async () => {
    const calls = stripe.calls.length
    const before = { a: await snapshot(a.tenant.id), stripe: structuredClone(stripe.state.subscriptions.get(subA.stripeSubscriptionId!)) }
    const body = { plan: plan.id, interval: 'year' }
    for (const caller of outsiders) {
      const opts = { token: caller.token, headers: caller.headers }
      const expected = caller.user ? 403 : 401
      const summary = await api('GET', `/billing/summary?tenant=${a.tenant.id}`, opts)
      expect(summary.status, `${caller.name}: summary`).toBe(expected)
      expect(leaks(summary.body)).toEqual([])
      for (const action of ['checkout', 'change', 'cancel', 'portal'])
        expect((await api('POST', `/billing/${action}?tenant=${a.tenant.id}`, { ...opts, body })).status, `${caller.name}: ${action}`).toBe(expected)
    }
    expect(stripe.calls.length).toBe(calls)
    expect(await snapshot(a.tenant.id)).toEqual(before.a)
    expect(stripe.state.subscriptions.get(subA.stripeSubscriptionId!)).toEqual(before.stripe)
    // Without ?tenant= a caller gets their own shop's page, never A's.
    const bOwn = await api('GET', '/billing/summary', { token: b.token })
    expect(bOwn.body.tenant.id).toBe(b.tenant.id)
    expect(leaks(bOwn.body)).toEqual([])
  })

  it('shows A’s billing status to all of A’s staff (the past-due banner), to nobody else', async () => {
    for (const caller of Object.values(roles)) {
      const res = await api('GET', `/billing/status?tenant=${a.tenant.id}`, { token: caller.token })
      expect(res.status, caller.name).toBe(200)
      expect(res.body).toEqual({ status: 'active', graceEndsAt: null, suspendedReason: null })
    }
    for (const caller of outsiders.filter((o) => !Object.values(roles).includes(o))) {
      const res = await api('GET', `/billing/status?tenant=${a.tenant.id}`, { token: caller.token, headers: caller.headers })
      expect(res.status, caller.name).toBe(caller.user ? 403 : 401)
    }
  })

  it('keeps overview, comp and price sync to the super-admin', async () => {
    const callers: Caller[] = [{ name: 'A’s tenant-admin', user: a.admin, token: a.token }, ...outsiders]
    const before = { sub: await subscriptionOf(payload, a.tenant.id), tenant: await tenantNow(payload, a.tenant.id), prices: stripe.state.prices.size }
    for (const caller of callers) {
      const expected = caller.user ? 403 : 401
      const opts = { token: caller.token, headers: caller.headers }
      expect((await api('GET', '/billing/overview', opts)).status, `${caller.name}: overview`).toBe(expected)
      const comp = await api('POST', '/billing/comp', { ...opts, body: { tenant: a.tenant.id, plan: plan.id, reason: 'free for me' } })
      expect(comp.status, `${caller.name}: comp`).toBe(expected)
      expect((await api('POST', '/billing/sync-prices', opts)).status, `${caller.name}: sync-prices`).toBe(expected)
    }
    expect(await subscriptionOf(payload, a.tenant.id)).toEqual(before.sub)
    expect(await tenantNow(payload, a.tenant.id)).toEqual(before.tenant)
    expect(stripe.state.prices.size).toBe(before.prices)
    const overview = await api('GET', '/billing/overview', { token: superToken })
    expect(overview.status).toBe(200)
    expect(overview.body.tenants).toContainEqual(expect.objectContaining({ id: a.tenant.id, subscription: 'active', mrr: plan.priceMonthly }))
  })

  describe('Stripe’s webhook routes by customer, whatever the event says', () => {
    const stored = (eventId: string) => storedEvents(payload, eventId)

    it('an event about A’s customer that names B in its metadata is stored and applied under A; B is untouched', async () => {
      const beforeB = { rows: await snapshot(b.tenant.id), tenant: await tenantNow(payload, b.tenant.id) }
      const sub = { ...structuredClone(stripe.state.subscriptions.get(subA.stripeSubscriptionId!)!), metadata: { tenant: b.tenant.id, plan: plan.id, interval: 'month' } }
      const session = {
        id: 'cs_crafted',
        object: 'checkout.session',
        customer: subA.stripeCustomerId,
        subscription: subA.stripeSubscriptionId,
        client_reference_id: b.tenant.id,
        metadata: { tenant: b.tenant.id },
      }
      for (const [id, type, object] of [
        ['evt_crafted_sub', 'customer.subscription.updated', sub],
        ['evt_crafted_cs', 'checkout.session.completed', session],
      ] as const) {
        const res = await postEvent(stripeEvent(id, type, object))
        expect(res.status, id).toBe(200)
        expect(JSON.parse(res.text)).toEqual({ received: true, duplicate: false })
      }
      await drainQueue(payload)
      for (const id of ['evt_crafted_sub', 'evt_crafted_cs']) expect(await stored(id)).toEqual([expect.objectContaining({ tenant: a.tenant.id, state: 'done' })])
      expect(await snapshot(b.tenant.id)).toEqual(beforeB.rows)
      expect(await tenantNow(payload, b.tenant.id)).toEqual(beforeB.tenant)
      expect(await subscriptionOf(payload, a.tenant.id)).toMatchObject({ stripeCustomerId: subA.stripeCustomerId, stripeSubscriptionId: subA.stripeSubscriptionId, status: 'active' })
    })

    it('an event naming A’s customer but carrying B’s subscription gives A nothing of B’s and leaves B as it was', async () => {
      const beforeB = { rows: await snapshot(b.tenant.id), tenant: await tenantNow(payload, b.tenant.id) }
      const beforeA = await subscriptionOf(payload, a.tenant.id)
      const sub = { ...structuredClone(stripe.state.subscriptions.get(subB.stripeSubscriptionId!)!), customer: subA.stripeCustomerId }
      const res = await postEvent(stripeEvent('evt_crossed', 'customer.subscription.updated', sub))
      expect(res.status).toBe(200)
      // Applied once (today it fails on the unique customer id: A's row cannot take B's); the job's retries would only repeat it.
      for (let i = 0; i < 100 && (await stored('evt_crossed'))[0]?.state === 'pending'; i++) await runQueuedJobs(payload).then(() => new Promise((r) => setTimeout(r, 50)))
      expect(await stored('evt_crossed')).toEqual([expect.objectContaining({ tenant: a.tenant.id, state: expect.not.stringMatching('pending') })])
      await asSystem(() => payload.delete({ collection: 'payload-jobs', where: { taskSlug: { equals: 'billingProcessEvents' } }, overrideAccess: true }))
      expect(await snapshot(b.tenant.id)).toEqual(beforeB.rows)
      expect(await tenantNow(payload, b.tenant.id)).toEqual(beforeB.tenant)
      expect(await subscriptionOf(payload, a.tenant.id)).toEqual(beforeA)
    })

    it('an event about a customer of no shop stores nothing, even when its metadata names a shop', async () => {
      const total = (await asSystem(() => payload.count({ collection: 'billing-events', overrideAccess: true }))).totalDocs
      const res = await postEvent(
        stripeEvent('evt_unknown_customer', 'customer.subscription.updated', { id: 'sub_nobody', object: 'subscription', customer: 'cus_nobody', status: 'active', metadata: { tenant: a.tenant.id } }),
      )
      expect(res.status).toBe(200)
      expect(JSON.parse(res.text)).toMatchObject({ received: true, ignored: expect.any(String) })
      const none = await postEvent(stripeEvent('evt_no_customer', 'invoice.paid', { id: 'in_nobody', object: 'invoice', metadata: { tenant: a.tenant.id } }))
      expect(JSON.parse(none.text)).toMatchObject({ ignored: expect.any(String) })
      expect((await asSystem(() => payload.count({ collection: 'billing-events', overrideAccess: true }))).totalDocs).toBe(total)
    })
  })
})
