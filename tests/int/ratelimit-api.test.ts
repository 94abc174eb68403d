import type { Payload } from 'payload'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { ApiKey, Plan, Tenant } from '../../payload-types'

import { api, graphql, login, route } from './helpers/api'
import { setEnv } from './helpers/env'
import { asSystem, createPlan, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'
import { PNG } from './helpers/samples'

type Scope = 'catalog-read' | 'orders-create' | 'customers-create'

async function createApiKey(payload: Payload, tenant: Tenant, scopes: Scope[], requestsPerMinute?: number) {
  const doc = (await asSystem(() => payload.create({ collection: 'api-keys', data: { tenant: tenant.id, label: `key ${scopes.join('+')}`, scopes, requestsPerMinute }, overrideAccess: true }))) as ApiKey & {
    key: string
  }
  return doc.key
}

let ip = 0
/** A new stranger for every call, so the per-IP limit (`api-ip`) never gets in the way. */
const stranger = (more: Record<string, string> = {}) => ({ 'x-forwarded-for': `192.0.2.${++ip % 250}`, ...more })

const products = (headers: Record<string, string>, token?: string) => api('GET', '/products?depth=0&limit=1', { headers, token })

describe('rate limits on the API, per tenant and per API key', () => {
  let payload: Payload
  let tiny: Plan
  let restore: (() => void) | undefined

  beforeAll(async () => {
    payload = await freshPayload()
    tiny = await createPlan(payload, { apiRequestsPerMinute: 3 })
  })
  afterEach(() => {
    restore?.()
    restore = undefined
  })

  it('takes the tenant’s limit from its plan: the 4th request of a minute is 429, from any IP; other shops and the tenant’s staff are served', async () => {
    const shop = await createTenant(payload, { plan: tiny.id })
    const other = await createTenant(payload, { plan: tiny.id })
    await createProduct(payload, shop)
    for (let i = 0; i < 3; i++) {
      const ok = await products(stranger({ 'x-tenant': shop.slug }))
      expect(ok.status).toBe(200)
      expect(ok.headers.get('ratelimit-policy')).toContain('"api-tenant";q=3;w=60')
      expect(ok.headers.get('ratelimit')).toContain(`"api-tenant";r=${2 - i};`)
    }
    const refused = await products(stranger({ 'x-tenant': shop.slug }))
    expect(refused.status).toBe(429)
    expect(refused.body).toMatchObject({ error: 'rate_limited', limit: 3, errors: [] })
    expect(refused.headers.get('ratelimit-policy')).toContain('"api-tenant";q=3;w=60')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)

    expect((await products(stranger({ 'x-tenant': other.slug }))).status).toBe(200)
    // Staff are not the tenant's API traffic: the admin keeps working while the storefront is throttled.
    const staff = await createStaff(payload, shop, 'tenant-admin')
    const token = await login(staff.email, PASSWORD)
    const asStaff = await products({ 'x-tenant': shop.slug }, token)
    expect(asStaff.status).toBe(200)
    expect(asStaff.body.docs).toHaveLength(1)

    // The tenant-admins see it in their audit log, once.
    const { docs } = await asSystem(() => payload.find({ collection: 'audit-logs', where: { action: { equals: 'rate-limited' }, tenant: { equals: shop.id } }, overrideAccess: true }))
    expect(docs.map((e) => e.summary)).toEqual([expect.stringMatching(new RegExp(`^api-tenant: shop ${shop.slug} over 3 per 60 s`))])
  })

  it('counts one GraphQL request once, however many collections it reads', async () => {
    const shop = await createTenant(payload, { plan: tiny.id })
    const query = `{ a: Products(limit: 1) { totalDocs } b: Products(limit: 2) { totalDocs } c: allMedia { totalDocs } }`
    for (let i = 0; i < 3; i++) {
      const ok = await graphql(query, { headers: stranger({ 'x-tenant': shop.slug }) })
      expect(ok.body.errors).toBeUndefined()
    }
    const refused = await graphql(query, { headers: stranger({ 'x-tenant': shop.slug }) })
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { statusCode: 429, code: 'rate_limited', data: { error: 'rate_limited', limit: 3, policy: 'api-tenant' } } })
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('a per-tenant override beats the plan; an empty or zero limit is the platform default', async () => {
    const shop = await createTenant(payload, { plan: tiny.id })
    const root = await createSuperAdmin(payload)
    const rootToken = await login(root.email, PASSWORD)
    const patched = await api('PATCH', `/tenants/${shop.id}`, { token: rootToken, body: { quotaOverrides: [{ limit: 'apiRequestsPerMinute', max: 5, reason: 'busy shop' }] } })
    expect(patched.status).toBe(200)
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push((await products(stranger({ 'x-tenant': shop.slug }))).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])

    restore = setEnv({ RATE_LIMIT_API_TENANT: '4/60' })
    const zero = await createPlan(payload, { apiRequestsPerMinute: 0 })
    for (const plan of [zero.id, null]) {
      const tenant = await createTenant(payload, { plan })
      const seen = []
      for (let i = 0; i < 5; i++) seen.push((await products(stranger({ 'x-tenant': tenant.slug }))).status)
      expect(seen).toEqual([200, 200, 200, 200, 429])
    }
  })

  it('does not count uploaded files (images of a catalogue page), only API calls', async () => {
    const shop = await createTenant(payload, { plan: tiny.id })
    const media = await asSystem(() =>
      payload.create({ collection: 'media', data: { tenant: shop.id, alt: 'logo' }, file: { data: PNG, mimetype: 'image/png', name: `logo-${Date.now()}.png`, size: PNG.length }, overrideAccess: true }),
    )
    const slug = ['media', 'file', media.filename!]
    for (let i = 0; i < 5; i++) {
      const request = new Request(`http://localhost/api/${slug.join('/')}`, { headers: stranger({ 'x-tenant': shop.slug }) })
      const response = await route(request)
      expect(response.status).toBe(200)
      expect(response.headers.get('ratelimit')).toBeNull()
    }
    // The shop's 3 API calls a minute are all still there.
    for (let i = 0; i < 3; i++) expect((await products(stranger({ 'x-tenant': shop.slug }))).status).toBe(200)
    expect((await products(stranger({ 'x-tenant': shop.slug }))).status).toBe(429)
  })

  it('an API key with its own requestsPerMinute is held to it; the shop’s other keys are not', async () => {
    const shop = await createTenant(payload)
    const small = await createApiKey(payload, shop, ['catalog-read'], 2)
    const other = await createApiKey(payload, shop, ['catalog-read'])
    const seen = []
    for (let i = 0; i < 3; i++) seen.push(await products(stranger({ 'x-api-key': small })))
    expect(seen.map((r) => r.status)).toEqual([200, 200, 429])
    expect(seen[2].body).toMatchObject({ error: 'rate_limited', limit: 2 })
    expect(seen[2].headers.get('ratelimit-policy')).toContain('"api-key";q=2;w=60')
    expect((await products(stranger({ 'x-api-key': other }))).status).toBe(200)
  })

  it('anonymous callers are limited per IP too, so one stranger cannot spend a shop’s whole budget', async () => {
    restore = setEnv({ RATE_LIMIT_API_IP: '2/60' })
    const shop = await createTenant(payload)
    const same = { 'x-forwarded-for': '203.0.113.80', 'x-tenant': shop.slug }
    const seen = []
    for (let i = 0; i < 3; i++) seen.push(await products(same))
    expect(seen.map((r) => r.status)).toEqual([200, 200, 429])
    expect(seen[2].headers.get('ratelimit-policy')).toContain('"api-ip";q=2;w=60')
    expect((await products(stranger({ 'x-tenant': shop.slug }))).status).toBe(200)
  })
})

describe('storefront orders per IP', () => {
  let payload: Payload
  let shop: Tenant
  let restore: () => void

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload, { slug: 'throttled-shop' })
    await createProduct(payload, shop, { sku: 'MUG', stock: 100 })
    restore = setEnv({ RATE_LIMIT_STOREFRONT_ORDERS: '3/600' })
    return () => restore()
  })

  const order = (phone: string, headers: Record<string, string>) => api('POST', '/storefront/orders', { headers, body: { customer: { name: 'Rahim', phone }, items: [{ sku: 'MUG', quantity: 1 }] } })

  it('refuses the 4th anonymous order from one IP in 10 minutes (nothing stored); another IP and an API key are served', async () => {
    const here = { 'x-forwarded-for': '203.0.113.90', 'x-tenant': shop.slug }
    for (let i = 0; i < 3; i++) expect((await order(`+88017110000${10 + i}`, here)).status).toBe(201)
    const refused = await order('+8801711000020', here)
    expect(refused.status).toBe(429)
    expect(refused.body).toMatchObject({ error: 'rate_limited', limit: 3, retryAfter: expect.any(Number), errors: [] })
    expect(refused.headers.get('ratelimit-policy')).toContain('"storefront-orders";q=3;w=600')
    const customers = await asSystem(() => payload.count({ collection: 'customers', where: { phone: { equals: '+8801711000020' } }, overrideAccess: true }))
    expect(customers.totalDocs).toBe(0)
    // The shop's audit log says so.
    const logged = await asSystem(() => payload.count({ collection: 'audit-logs', where: { action: { equals: 'rate-limited' }, tenant: { equals: shop.id } }, overrideAccess: true }))
    expect(logged.totalDocs).toBe(1)

    expect((await order('+8801711000021', { 'x-forwarded-for': '203.0.113.91', 'x-tenant': shop.slug })).status).toBe(201)
    const key = await createApiKey(payload, shop, ['orders-create', 'customers-create'])
    for (let i = 0; i < 4; i++) expect((await order(`+88017110000${30 + i}`, { 'x-forwarded-for': '203.0.113.90', 'x-api-key': key })).status).toBe(201)
  })
})
