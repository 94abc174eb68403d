import config from '@payload-config'
import { createPayloadRequest, type CollectionAfterReadHook, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ApiKey, Media, Product, Tenant, User } from '../../payload-types'
import { currentTenant, runInRequestScope, runWithTenant, type TenantContext } from '../../src/tenancy/request-context'
import { resolveTenant } from '../../src/tenancy/resolve-tenant'
import { api, graphql, login, route } from './helpers/api'
import { asSystem, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/** A 1×1 PNG, the smallest real upload. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

type Scope = 'catalog-read' | 'orders-create' | 'customers-create'

/** Issue a key through the collection (as its create hook does) and return the plain key once. */
async function createApiKey(payload: Payload, tenant: Tenant, scopes: Scope[], extra: Partial<ApiKey> = {}) {
  const doc = (await asSystem(() =>
    payload.create({
      collection: 'api-keys',
      data: { tenant: tenant.id, label: `key ${scopes.join('+')}`, scopes, ...extra },
      overrideAccess: true,
    }),
  )) as ApiKey & { key: string }
  return { id: doc.id, key: doc.key }
}

/** A real PayloadRequest (auth strategies included) for calling resolveTenant directly. */
async function requestWith(headers: Record<string, string>, token?: string) {
  return createPayloadRequest({
    config,
    request: new Request('http://localhost/api/products', { headers: { ...headers, ...(token ? { authorization: `JWT ${token}` } : {}) } }),
  })
}

const resolveWith = async (headers: Record<string, string>, token?: string) => resolveTenant(await requestWith(headers, token))

/** `{ status, message }` of a rejected resolution. */
async function rejection(promise: Promise<unknown>) {
  try {
    await promise
  } catch (err) {
    const e = err as { status?: number; message?: string }
    return { status: e.status, message: e.message }
  }
  throw new Error('expected the resolution to fail')
}

describe('tenant resolution', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let shopC: Tenant
  let suspended: Tenant
  let cancelled: Tenant
  let staffA: User
  let tokenA: string
  let rootToken: string
  let keyA: { id: string; key: string }
  let keyNoCatalog: { id: string; key: string }
  let keyRevoked: { id: string; key: string }
  let keySuspended: { id: string; key: string }
  let activeA: Product[]
  let draftA: Product
  let productB: Product
  let mediaA: Media
  let mediaB: Media

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload, { name: 'Shop A', domains: [{ domain: 'shop-a.example.com' }] })
    shopB = await createTenant(payload, { name: 'Shop B' })
    // C owns a custom domain that looks like B's sub-domain: custom domains are looked up first.
    shopC = await createTenant(payload, { name: 'Shop C', domains: [{ domain: `${shopB.slug}.localhost` }] })
    suspended = await createTenant(payload, { name: 'Sleepy Shop', status: 'suspended' })
    cancelled = await createTenant(payload, { name: 'Gone Shop', status: 'cancelled' })
    staffA = await createStaff(payload, shopA, 'tenant-admin')
    const root = await createSuperAdmin(payload)
    activeA = [await createProduct(payload, shopA, { name: 'A one' }), await createProduct(payload, shopA, { name: 'A two' })]
    draftA = await createProduct(payload, shopA, { name: 'A draft', status: 'draft' })
    productB = await createProduct(payload, shopB, { name: 'B secret' })
    await createProduct(payload, shopC)
    await asSystem(() => payload.create({ collection: 'customers', data: { tenant: shopA.id, name: 'Private', phone: '+8801700000001' }, overrideAccess: true }))
    const upload = (name: string) => ({ data: PNG, mimetype: 'image/png', name, size: PNG.length })
    mediaA = await asSystem(() => payload.create({ collection: 'media', data: { tenant: shopA.id, alt: 'A' }, file: upload(`a-${Date.now()}.png`), overrideAccess: true }))
    mediaB = await asSystem(() => payload.create({ collection: 'media', data: { tenant: shopB.id, alt: 'B' }, file: upload(`b-${Date.now()}.png`), overrideAccess: true }))
    keyA = await createApiKey(payload, shopA, ['catalog-read'])
    keyNoCatalog = await createApiKey(payload, shopA, ['orders-create'])
    keyRevoked = await createApiKey(payload, shopA, ['catalog-read'], { revoked: true })
    keySuspended = await createApiKey(payload, suspended, ['catalog-read'])
    tokenA = await login(staffA.email, PASSWORD)
    rootToken = await login(root.email, PASSWORD)
  })

  describe('resolveTenant: each source', () => {
    it('an API key in X-API-Key or as a Bearer token', async () => {
      const viaHeader = await resolveWith({ 'x-api-key': keyA.key })
      expect(viaHeader).toMatchObject({ via: 'api-key', tenant: { id: shopA.id }, apiKey: { id: keyA.id, scopes: ['catalog-read'] } })
      const viaBearer = await resolveWith({ authorization: `Bearer ${keyA.key}` })
      expect(viaBearer).toMatchObject({ via: 'api-key', tenant: { id: shopA.id } })
    })

    it('X-Tenant-ID / X-Tenant, by id or slug', async () => {
      expect(await resolveWith({ 'x-tenant-id': shopB.id })).toMatchObject({ via: 'header', tenant: { id: shopB.id } })
      expect(await resolveWith({ 'x-tenant': shopB.slug })).toMatchObject({ via: 'header', tenant: { id: shopB.id } })
      expect(await resolveWith({ 'x-tenant-id': shopB.slug.toUpperCase() })).toMatchObject({ tenant: { id: shopB.id } })
    })

    it('the host: a custom domain first, then <slug>.<BASE_DOMAIN> (default localhost)', async () => {
      expect(await resolveWith({ host: 'shop-a.example.com' })).toMatchObject({ via: 'host', tenant: { id: shopA.id } })
      expect(await resolveWith({ host: `${shopA.slug}.localhost:3000` })).toMatchObject({ via: 'host', tenant: { id: shopA.id } })
      // B's sub-domain is also C's custom domain: the custom domain wins.
      expect(await resolveWith({ host: `${shopB.slug}.localhost` })).toMatchObject({ via: 'host', tenant: { id: shopC.id } })
    })

    it('hosts that name no tenant resolve to nothing, not to an error', async () => {
      expect(await resolveWith({})).toBeNull()
      expect(await resolveWith({ host: 'localhost:3000' })).toBeNull()
      expect(await resolveWith({ host: 'www.localhost' })).toBeNull()
      expect(await resolveWith({ host: 'unrelated.example.org' })).toBeNull()
    })

    it('the signed-in user’s selected tenant (payload-tenant cookie), only among their memberships', async () => {
      const other = await createTenant(payload)
      const both = await createStaff(payload, [shopA, other], 'sales-operator')
      const token = await login(both.email, PASSWORD)
      expect(await resolveWith({ cookie: `payload-tenant=${other.id}` }, token)).toMatchObject({ via: 'user', tenant: { id: other.id } })
      // Two tenants and no selection: nothing is guessed.
      expect(await resolveWith({}, token)).toBeNull()
      // A selection outside the memberships is ignored (the admin's stale cookie must not lock anyone out).
      expect(await resolveWith({ cookie: `payload-tenant=${shopB.id}` }, token)).toBeNull()
      // A user with a single membership works in it without selecting.
      expect(await resolveWith({ cookie: `payload-tenant=${shopB.id}` }, tokenA)).toMatchObject({ via: 'user', tenant: { id: shopA.id } })
      // The super-admin may select any tenant and has none by default.
      expect(await resolveWith({ cookie: `payload-tenant=${shopB.id}` }, rootToken)).toMatchObject({ via: 'user', tenant: { id: shopB.id } })
      expect(await resolveWith({}, rootToken)).toBeNull()
    })
  })

  describe('resolveTenant: precedence', () => {
    it('API key beats header and host', async () => {
      const r = await resolveWith({ 'x-api-key': keyA.key, 'x-tenant-id': shopB.id, host: `${shopC.slug}.localhost` })
      expect(r).toMatchObject({ via: 'api-key', tenant: { id: shopA.id } })
    })

    it('header beats host', async () => {
      expect(await resolveWith({ 'x-tenant': shopA.slug, host: `${shopC.slug}.localhost` })).toMatchObject({ via: 'header', tenant: { id: shopA.id } })
    })

    it('X-Tenant-ID beats X-Tenant', async () => {
      expect(await resolveWith({ 'x-tenant-id': shopA.id, 'x-tenant': shopB.slug })).toMatchObject({ tenant: { id: shopA.id } })
    })

    it('host beats the user’s selected tenant', async () => {
      const r = await resolveWith({ host: `${shopC.slug}.localhost`, cookie: `payload-tenant=${shopA.id}` }, rootToken)
      expect(r).toMatchObject({ via: 'host', tenant: { id: shopC.id } })
    })
  })

  describe('resolveTenant: refusals', () => {
    it('unknown tenant → 404, by header or by sub-domain', async () => {
      expect(await rejection(resolveWith({ 'x-tenant': 'no-such-shop' }))).toEqual({ status: 404, message: 'Unknown tenant "no-such-shop".' })
      expect(await rejection(resolveWith({ 'x-tenant-id': '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ status: 404 })
      expect(await rejection(resolveWith({ host: 'no-such-shop.localhost' }))).toMatchObject({ status: 404 })
    })

    it('suspended or cancelled tenant → 403 that says so, by any route', async () => {
      expect(await rejection(resolveWith({ 'x-tenant': suspended.slug }))).toEqual({ status: 403, message: 'Shop "Sleepy Shop" is suspended.' })
      expect(await rejection(resolveWith({ 'x-tenant': cancelled.slug }))).toEqual({ status: 403, message: 'Shop "Gone Shop" has been cancelled.' })
      expect(await rejection(resolveWith({ 'x-api-key': keySuspended.key }))).toMatchObject({ status: 403 })
      expect(await rejection(resolveWith({ host: `${suspended.slug}.localhost` }))).toMatchObject({ status: 403 })
    })

    it('revoked or unknown API key → 401', async () => {
      expect(await rejection(resolveWith({ 'x-api-key': keyRevoked.key }))).toEqual({ status: 401, message: 'This API key has been revoked.' })
      expect(await rejection(resolveWith({ 'x-api-key': 'emk_0000' }))).toEqual({ status: 401, message: 'Unknown API key.' })
      expect(await rejection(resolveWith({ authorization: 'Bearer emk_nope' }))).toMatchObject({ status: 401 })
    })

    it('a signed-in user naming a tenant they do not belong to → 403; their own → resolved', async () => {
      expect(await rejection(resolveWith({ 'x-tenant-id': shopB.id }, tokenA))).toEqual({ status: 403, message: `You are not a member of tenant "${shopB.slug}".` })
      expect(await rejection(resolveWith({ host: 'shop-a.example.com' }, await login((await createStaff(payload, shopB)).email, PASSWORD)))).toMatchObject({
        status: 403,
      })
      expect(await resolveWith({ 'x-tenant-id': shopA.id }, tokenA)).toMatchObject({ via: 'header', tenant: { id: shopA.id } })
    })

    it('the super-admin may name any tenant, suspended ones included', async () => {
      expect(await resolveWith({ 'x-tenant': suspended.slug }, rootToken)).toMatchObject({ tenant: { id: suspended.id } })
    })
  })

  describe('API key use', () => {
    it('records lastUsedAt at most once a minute', async () => {
      const key = await createApiKey(payload, shopA, ['catalog-read'])
      const lastUsed = async () => (await asSystem(() => payload.findByID({ collection: 'api-keys', id: key.id, overrideAccess: true }))).lastUsedAt
      expect(await lastUsed()).toBeFalsy()
      await resolveWith({ 'x-api-key': key.key })
      const first = await lastUsed()
      expect(first).toBeTruthy()
      await resolveWith({ 'x-api-key': key.key })
      expect(await lastUsed()).toBe(first)
      const longAgo = new Date(Date.now() - 2 * 60_000).toISOString()
      await asSystem(() => payload.update({ collection: 'api-keys', id: key.id, data: { lastUsedAt: longAgo }, overrideAccess: true }))
      await resolveWith({ 'x-api-key': key.key })
      expect(Date.parse((await lastUsed())!)).toBeGreaterThan(Date.parse(longAgo) + 60_000)
    })
  })

  describe('REST', () => {
    const ids = (body: { docs: { id: string }[] }) => body.docs.map((d) => d.id).sort()

    it('anonymous + X-Tenant reads only that tenant’s active products', async () => {
      const res = await api('GET', '/products?limit=100', { headers: { 'x-tenant': shopA.slug } })
      expect(res.status).toBe(200)
      expect(ids(res.body)).toEqual(activeA.map((p) => p.id).sort())
      expect((await api('GET', `/products/${draftA.id}`, { headers: { 'x-tenant': shopA.slug } })).status).toBe(404)
      expect((await api('GET', `/products/${productB.id}`, { headers: { 'x-tenant': shopA.slug } })).status).toBe(404)
      const sneaky = await api('GET', `/products?where[tenant][equals]=${shopB.id}`, { headers: { 'x-tenant': shopA.slug } })
      expect(sneaky.body.totalDocs).toBe(0)
      const drafts = await api('GET', '/products?where[status][equals]=draft', { headers: { 'x-tenant': shopA.slug } })
      expect(drafts.body.totalDocs).toBe(0)
    })

    it('anonymous + host reads that host’s tenant', async () => {
      const res = await api('GET', '/products', { headers: { host: 'shop-a.example.com' } })
      expect(ids(res.body)).toEqual(activeA.map((p) => p.id).sort())
    })

    it('anonymous callers never read customers, orders, api-keys or tenants, even with a tenant', async () => {
      for (const path of ['/customers', '/orders', '/api-keys', '/leads', '/tenants']) {
        const res = await api('GET', path, { headers: { 'x-tenant': shopA.slug } })
        expect(res.status, path).toBe(403)
      }
    })

    it('media: only the tenant’s documents and files', async () => {
      const res = await api('GET', '/media', { headers: { 'x-tenant': shopA.slug } })
      expect(ids(res.body)).toEqual([mediaA.id])
      // Files are served by Payload's upload endpoint, which checks read access without an operation.
      const file = async (media: Media) => {
        const slug = ['media', 'file', media.filename!]
        const request = new Request(`http://localhost/api/${slug.join('/')}`, { headers: { 'x-tenant': shopA.slug } })
        const response = await route(request)
        return { status: response.status, type: response.headers.get('content-type') }
      }
      expect(await file(mediaA)).toEqual({ status: 200, type: 'image/png' })
      expect([403, 404]).toContain((await file(mediaB)).status)
    })

    it('media: a file that is not on disk is a 404 with the one error body, not a 500 (found by the fuzz test)', async () => {
      // The super-admin may read any file name, so Payload's check of documents lets it through.
      const missing = await api('GET', '/media/file/no-such-file.png', { token: rootToken })
      expect(missing).toEqual({ status: 404, body: { error: 'not_found', message: 'There is no file "no-such-file.png" in media.', errors: [{ path: 'filename', message: expect.any(String) }] } })
    })

    it('an API key with catalog-read reads its own tenant’s catalogue, whatever the header says', async () => {
      const res = await api('GET', '/products?limit=100', { headers: { 'x-api-key': keyA.key, 'x-tenant': shopB.slug } })
      expect(ids(res.body)).toEqual(activeA.map((p) => p.id).sort())
      const bearer = await api('GET', '/products?limit=100', { headers: { authorization: `Bearer ${keyA.key}` } })
      expect(ids(bearer.body)).toEqual(activeA.map((p) => p.id).sort())
    })

    it('an API key without catalog-read → 403 that names the scope', async () => {
      const res = await api('GET', '/products', { headers: { 'x-api-key': keyNoCatalog.key } })
      expect(res.status).toBe(403)
      expect(res.body.message).toBe('This API key lacks the catalog-read scope.')
    })

    it('answers JSON errors: unknown 404, suspended 403, revoked key 401', async () => {
      const unknown = await api('GET', '/products', { headers: { 'x-tenant': 'no-such-shop' } })
      expect(unknown).toEqual({ status: 404, body: { error: 'not_found', message: 'Unknown tenant "no-such-shop".', errors: [] } })
      const sleepy = await api('GET', '/products', { headers: { 'x-tenant-id': suspended.id } })
      expect(sleepy.status).toBe(403)
      expect(sleepy.body).toMatchObject({ error: 'tenant_inactive', status: 'suspended', message: expect.stringContaining('suspended') })
      const byKey = await api('GET', '/media', { headers: { 'x-api-key': keySuspended.key } })
      expect(byKey.status).toBe(403)
      const revoked = await api('GET', '/products', { headers: { 'x-api-key': keyRevoked.key } })
      expect(revoked).toEqual({ status: 401, body: { error: 'unauthorized', message: 'This API key has been revoked.', errors: [] } })
    })

    it('GET /api/access resolves the tenant first: an unknown one is the 404 of every route, not a 500 (found by the fuzz test)', async () => {
      const unknown = await api('GET', '/access', { headers: { 'x-tenant': 'no-such-shop' } })
      expect(unknown).toEqual({ status: 404, body: { error: 'not_found', message: 'Unknown tenant "no-such-shop".', errors: [] } })
      const foreign = await api('GET', '/access', { token: tokenA, headers: { 'x-tenant-id': shopB.id } })
      expect(foreign.status).toBe(403)
      expect(foreign.body).toMatchObject({ error: 'forbidden', errors: [] })
      const own = await api('GET', '/access', { token: tokenA, headers: { 'x-tenant-id': shopA.id } })
      expect(own.status).toBe(200)
      expect(own.body.collections.products.read).toBeTruthy()
    })

    it('staff naming another tenant with X-Tenant-ID → 403; naming their own → their data', async () => {
      const foreign = await api('GET', '/products', { token: tokenA, headers: { 'x-tenant-id': shopB.id } })
      expect(foreign.status).toBe(403)
      expect(foreign.body.message).toContain('not a member')
      const own = await api('GET', '/products?limit=100', { token: tokenA, headers: { 'x-tenant-id': shopA.id } })
      expect(own.status).toBe(200)
      expect(own.body.totalDocs).toBe(3)
    })

    it('anonymous without any tenant still reads nothing', async () => {
      expect((await api('GET', '/products')).status).toBe(403)
    })
  })

  describe('GraphQL', () => {
    it('anonymous + X-Tenant lists only that tenant’s active products and no customers', async () => {
      const list = await graphql<{ Products: { docs: { id: string }[] } }>('{ Products(limit: 100) { docs { id } } }', {
        headers: { 'x-tenant': shopA.slug },
      })
      expect(list.body.data?.Products.docs.map((p) => p.id).sort()).toEqual(activeA.map((p) => p.id).sort())
      const draft = await graphql(`{ Product(id: "${draftA.id}") { id } }`, { headers: { 'x-tenant': shopA.slug } })
      expect(draft.body.data?.Product ?? null).toBeNull()
      const customers = await graphql('{ Customers { docs { id name } } }', { headers: { 'x-tenant': shopA.slug } })
      expect(customers.body.errors?.length).toBeGreaterThan(0)
      expect(JSON.stringify(customers.body)).not.toContain('Private')
    })

    it('API keys work too, and unknown tenants and missing scopes are errors', async () => {
      const byKey = await graphql<{ Products: { docs: { id: string }[] } }>('{ Products(limit: 100) { docs { id } } }', { headers: { 'x-api-key': keyA.key } })
      expect(byKey.body.data?.Products.docs).toHaveLength(2)
      const unknown = await graphql('{ Products { docs { id } } }', { headers: { 'x-tenant': 'no-such-shop' } })
      expect(unknown.body.errors?.[0]?.message).toBe('Unknown tenant "no-such-shop".')
      const noScope = await graphql('{ Products { docs { id } } }', { headers: { 'x-api-key': keyNoCatalog.key } })
      expect(noScope.body.errors?.[0]?.message).toContain('catalog-read')
    })
  })

  describe('request context', () => {
    const seen: { fromReq: TenantContext | undefined; fromScope: TenantContext | undefined }[] = []
    const spy: CollectionAfterReadHook = ({ doc, req }) => {
      seen.push({ fromReq: currentTenant(req), fromScope: currentTenant() })
      return doc
    }
    let hooks: CollectionAfterReadHook[]

    beforeAll(() => {
      hooks = payload.collections.products.config.hooks.afterRead
      hooks.push(spy)
    })
    afterAll(() => {
      hooks.splice(hooks.indexOf(spy), 1)
    })

    it('hooks read the request’s tenant from req, over REST and GraphQL', async () => {
      seen.length = 0
      await api('GET', '/products', { headers: { 'x-tenant': shopA.slug } })
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.every(({ fromReq }) => fromReq?.tenantId === shopA.id && fromReq.via === 'header')).toBe(true)

      seen.length = 0
      await graphql('{ Products { docs { id } } }', { headers: { 'x-api-key': keyA.key } })
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.every(({ fromReq }) => fromReq?.tenantId === shopA.id && fromReq.via === 'api-key' && fromReq.apiKeyId === keyA.id)).toBe(true)

      seen.length = 0
      await api('GET', '/products?limit=100', { token: tokenA })
      expect(seen).toHaveLength(3)
      expect(seen.every(({ fromReq }) => fromReq?.tenantId === shopA.id && fromReq.via === 'user' && fromReq.userId === staffA.id)).toBe(true)
    })

    it('inside a request scope (withTenantScope on the route handlers) hooks without req see it too', async () => {
      seen.length = 0
      await runInRequestScope(() => api('GET', '/products', { headers: { host: 'shop-a.example.com' } }))
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.every(({ fromScope }) => fromScope?.tenantId === shopA.id && fromScope.via === 'host')).toBe(true)
      expect(currentTenant()).toBeUndefined()
    })

    it('never leaks into concurrent or later requests', async () => {
      seen.length = 0
      await Promise.all([
        runInRequestScope(() => api('GET', '/products', { headers: { 'x-tenant': shopA.slug } })),
        runInRequestScope(() => api('GET', '/products?limit=100', { token: rootToken })),
        runInRequestScope(() => api('GET', '/products', { headers: { 'x-tenant': shopC.slug } })),
      ])
      const tenants = new Set(seen.map(({ fromScope }) => fromScope?.tenantId ?? 'none'))
      expect(tenants).toEqual(new Set([shopA.id, shopC.id, 'none']))
      expect(seen.every(({ fromReq, fromScope }) => fromReq?.tenantId === fromScope?.tenantId)).toBe(true)
      expect(currentTenant()).toBeUndefined()
    })

    it('runWithTenant scopes jobs and scripts, across awaits', async () => {
      const ctx = { tenantId: shopB.id, via: 'job' } as const
      const inside = await runWithTenant(ctx, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        return currentTenant()
      })
      expect(inside).toEqual(ctx)
      expect(currentTenant()).toBeUndefined()
    })
  })
})

describe('staff of suspended tenants', () => {
  let payload: Payload

  beforeAll(async () => {
    payload = await freshPayload()
  })

  it('cannot log in, and are told why', async () => {
    const tenant = await createTenant(payload, { name: 'Old Bazaar', status: 'suspended' })
    const staff = await createStaff(payload, tenant, 'tenant-admin')
    const res = await api('POST', '/users/login', { body: { email: staff.email, password: PASSWORD } })
    expect(res.status).toBe(403)
    expect(res.body.message).toMatch(/^Shop "Old Bazaar" is suspended\. Its staff cannot log in/)
    expect(res.body.token).toBeUndefined()
  })

  it('of cancelled tenants neither', async () => {
    const tenant = await createTenant(payload, { name: 'Closed Co', status: 'cancelled' })
    const staff = await createStaff(payload, tenant, 'sales-operator')
    const res = await api('POST', '/users/login', { body: { email: staff.email, password: PASSWORD } })
    expect(res.status).toBe(403)
    expect(res.body.message).toContain('Shop "Closed Co" has been cancelled.')
  })

  it('still get the usual answer for a wrong password (the tenant’s state is not told to strangers)', async () => {
    const tenant = await createTenant(payload, { status: 'suspended' })
    const staff = await createStaff(payload, tenant)
    const res = await api('POST', '/users/login', { body: { email: staff.email, password: 'wrong-password' } })
    expect(res.status).toBe(401)
    expect(JSON.stringify(res.body)).not.toContain('suspended')
  })

  it('who were logged in before the suspension get 403 on their tenant’s data', async () => {
    const tenant = await createTenant(payload, { name: 'Soon Sleepy' })
    await createProduct(payload, tenant)
    const staff = await createStaff(payload, tenant, 'tenant-admin')
    const token = await login(staff.email, PASSWORD)
    expect((await api('GET', '/products', { token })).status).toBe(200)
    await asSystem(() => payload.update({ collection: 'tenants', id: tenant.id, data: { status: 'suspended', suspendedReason: 'Unpaid invoice' }, overrideAccess: true }))
    const res = await api('GET', '/products', { token })
    expect(res.status).toBe(403)
    expect(res.body.message).toBe('Shop "Soon Sleepy" is suspended.')
  })

  it('can log in while one of their tenants is still usable; the super-admin always can', async () => {
    const asleep = await createTenant(payload, { status: 'suspended' })
    const awake = await createTenant(payload, { status: 'trial' })
    const staff = await createStaff(payload, [asleep, awake])
    await expect(login(staff.email, PASSWORD)).resolves.toBeTruthy()
    const root = await createSuperAdmin(payload)
    await expect(login(root.email, PASSWORD)).resolves.toBeTruthy()
  })
})
