import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Lead, Tenant } from '../../payload-types'
import { api, graphql, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'
import { tenantFixture, type TenantFixture } from './helpers/samples'

/** A UUID no document has. */
const NOBODY = '00000000-0000-4000-8000-000000000000'

/**
 * Issue 14: malformed query parameters, ids and body values answer a 4xx that names the
 * parameter (src/validation), never a 500 — and everything Payload, the admin and the app's own
 * code send still works.
 */
describe('malformed queries, ids and bodies', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let fx: TenantFixture
  let staff: string
  let reader: string
  let root: string
  let alpha: Lead
  let beta: Lead
  let theirs: Lead

  const createLead = (tenant: Tenant, data: Partial<Lead>) =>
    asSystem(() => payload.create({ collection: 'leads', data: { tenant: tenant.id, source: 'manual', status: 'new', ...data } as Lead, overrideAccess: true }))
  const ids = (body: { docs: { id: string }[] }) => body.docs.map((d) => d.id).sort()

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload, { name: 'Alpha shop' })
    shopB = await createTenant(payload, { name: 'Beta shop' })
    fx = await tenantFixture(payload, shopA.id)
    alpha = await createLead(shopA, { name: 'Alpha lead', phone: '+8801811110001', tags: ['vip', 'dhaka'] })
    beta = await createLead(shopA, { name: 'Beta lead', phone: '+8801811110002', status: 'contacted' })
    theirs = await createLead(shopB, { name: 'Other shop lead', phone: '+8801811110003' })
    staff = await login((await createStaff(payload, shopA, 'tenant-admin')).email, PASSWORD)
    reader = await login((await createStaff(payload, shopA, 'support-agent')).email, PASSWORD)
    root = await login((await createSuperAdmin(payload)).email, PASSWORD)
  })

  describe('a malformed query parameter is a 400 naming it', () => {
    // [request, code, path of the first error]. Those marked 500 answered a 500 before;
    // the others were answered with a silently wrong result (or a 400 naming nothing).
    const cases: [string, string, string][] = [
      ['/leads?where[tenant][in]=1,2,3', 'invalid_id', 'where.tenant.in'],
      ['/leads?where[id][equals]=not-a-uuid', 'invalid_id', 'where.id.equals'],
      ['/leads?where[tenant.id][equals]=x', 'invalid_id', 'where.tenant.id.equals'],
      ['/leads?page=-1', 'invalid_query', 'page'],
      ['/leads?page=abc', 'invalid_query', 'page'],
      ['/leads?page=0', 'invalid_query', 'page'],
      ['/leads?page=99999999999999999999', 'invalid_query', 'page'],
      ['/leads?limit=-5', 'invalid_query', 'limit'],
      ['/leads?limit=1.5', 'invalid_query', 'limit'],
      ['/leads?limit=100000', 'invalid_query', 'limit'],
      ['/leads?depth=99', 'invalid_query', 'depth'],
      ['/leads?depth=-1', 'invalid_query', 'depth'],
      ['/leads?depth=x', 'invalid_query', 'depth'],
      ['/leads?where[createdAt][less_than]=yesterday', 'invalid_query', 'where.createdAt.less_than'],
      ['/products?where[price][equals]=abc', 'invalid_query', 'where.price.equals'],
      ['/leads?sort=-nonexistent', 'invalid_query', 'sort'],
      ['/leads?sort=', 'invalid_query', 'sort'],
      ['/leads?sort=name,,', 'invalid_query', 'sort'],
      ['/users?sort=tenants', 'invalid_query', 'sort'],
      ['/leads?select[nonexistent]=true', 'invalid_query', 'select.nonexistent'],
      ['/leads?select[name]=maybe', 'invalid_query', 'select.name'],
      ['/leads?depth=1&populate[tenants][nonexistent]=true', 'invalid_query', 'populate.tenants.nonexistent'],
      ['/leads?depth=1&populate[nope][name]=true', 'invalid_query', 'populate.nope'],
      ['/leads?where[name][near]=1,2', 'invalid_query', 'where.name.near'], // 500
      ['/leads?where[name][within]=x', 'invalid_query', 'where.name.within'], // 500
      ['/leads?where[tags][all]=vip', 'invalid_query', 'where.tags.all'], // 500
      ['/leads?where[status][like]=ne', 'invalid_query', 'where.status.like'], // 500
      ['/leads?where[createdAt][like]=2026', 'invalid_query', 'where.createdAt.like'], // 500
      ['/leads?where[tenant][contains]=abc', 'invalid_query', 'where.tenant.contains'], // 500
      ['/leads?where[status][in]=new,nope', 'invalid_query', 'where.status.in'],
      ['/leads?where[name][bogus]=1', 'invalid_query', 'where.name.bogus'],
      ['/leads?where[nonexistent][equals]=1', 'invalid_query', 'where.nonexistent'],
      ['/leads?where[name]=Alpha', 'invalid_query', 'where.name'],
      ['/leads?where[name][equals][x]=y', 'invalid_query', 'where.name.equals'],
      ['/leads?where[or][0]=x', 'invalid_query', 'where.or.0'],
      ['/leads?where[and]=x', 'invalid_query', 'where.and'],
      ['/leads?where[createdAt][exists]=maybe', 'invalid_query', 'where.createdAt.exists'],
      ['/leads?where[or][0][and][0][name][equals]=a%00b', 'invalid_query', 'where.or.0.and.0.name.equals'],
      ['/users?where[tenants][equals]=x', 'invalid_query', 'where.tenants.equals'],
      ['/leads?draft=maybe', 'invalid_query', 'draft'],
      ['/leads?trash=maybe', 'invalid_query', 'trash'],
      ['/leads?pagination=maybe', 'invalid_query', 'pagination'],
      ['/leads?locale=xx', 'invalid_query', 'locale'],
      ['/leads?fallback-locale=xx', 'invalid_query', 'fallback-locale'],
      ['/leads/count?where[id][equals]=x', 'invalid_id', 'where.id.equals'],
    ]

    it.each(cases)('GET %s → 400 %s at %s', async (path, code, at) => {
      const res = await api('GET', path, { token: staff })
      expect(res.status).toBe(400)
      expect(res.body.error).toBe(code)
      expect(res.body.errors[0].path).toBe(at)
      expect(res.body.message).toBe(res.body.errors[0].message)
    })

    it('says what to write instead', async () => {
      const date = await api('GET', '/leads?where[createdAt][less_than]=yesterday', { token: staff })
      expect(date.body.message).toContain('ISO 8601')
      const limit = await api('GET', '/leads?limit=100000', { token: staff })
      expect(limit.body.message).toContain('1000')
      const option = await api('GET', '/leads?where[status][in]=new,nope', { token: staff })
      expect(option.body.message).toBe('"nope" is not an option of `status`: use one of new, contacted, qualified, converted, lost.')
    })

    it('names every wrong parameter at once', async () => {
      const res = await api('GET', '/leads?locale=xx&page=-1&sort=-nonexistent', { token: staff })
      expect(res.status).toBe(400)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['locale', 'sort', 'page'])
    })

    it('refuses a bulk update or delete whose where is malformed, and changes nothing', async () => {
      const patch = await api('PATCH', '/leads?where[id][in]=x', { token: staff, body: { status: 'lost' } })
      expect(patch.status).toBe(400)
      expect(patch.body).toMatchObject({ error: 'invalid_id', errors: [{ path: 'where.id.in' }] })
      const del = await api('DELETE', '/leads?where[createdAt][greater_than]=soon', { token: staff })
      expect(del.status).toBe(400)
      expect(del.body).toMatchObject({ error: 'invalid_query', errors: [{ path: 'where.createdAt.greater_than' }] })
      const after = await asSystem(() => payload.find({ collection: 'leads', where: { tenant: { equals: shopA.id } }, overrideAccess: true }))
      expect(after.docs.map((l) => l.status).sort()).toEqual(['contacted', 'new'])
    })
  })

  describe('an id in the path that names no document is a 404', () => {
    it.each(['not-a-uuid', NOBODY])('GET, PATCH and DELETE /leads/%s', async (id) => {
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { name: 'x' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await api(method, `/leads/${id}`, { token: staff, body })
        expect(res.status, method).toBe(404)
        expect(res.body.error, method).toBe('not_found')
      }
      const asRoot = await api('PATCH', `/leads/${id}`, { token: root, body: { name: 'x' } })
      expect(asRoot.status).toBe(404)
    })

    it('is a 404 for another tenant’s document too (it was a 403), which stays unchanged', async () => {
      const patch = await api('PATCH', `/leads/${theirs.id}`, { token: staff, body: { name: 'Hijacked' } })
      expect(patch.status).toBe(404)
      expect(patch.body.error).toBe('not_found')
      expect((await api('DELETE', `/leads/${theirs.id}`, { token: staff })).status).toBe(404)
      const still = await asSystem(() => payload.findByID({ collection: 'leads', id: theirs.id, overrideAccess: true }))
      expect(still.name).toBe('Other shop lead')
    })

    it('stays a 403 for a document the caller sees but may not change', async () => {
      const res = await api('PATCH', `/leads/${alpha.id}`, { token: reader, body: { name: 'x' } })
      expect(res.status).toBe(403)
      expect(res.body.error).toBe('forbidden')
    })
  })

  describe('a body value the database cannot store is a 400 naming the field', () => {
    it('refuses a NUL character in text, top level or in a list, and saves nothing', async () => {
      const name = await api('PATCH', `/leads/${alpha.id}`, { token: staff, body: { name: 'Al\u0000pha' } })
      expect(name.status).toBe(400)
      expect(name.body).toMatchObject({ error: 'invalid_input', errors: [{ path: 'name' }] })
      const tags = await api('PATCH', `/leads/${alpha.id}`, { token: staff, body: { tags: ['ok', 'bad\u0000'] } })
      expect(tags.body).toMatchObject({ error: 'invalid_input', errors: [{ path: 'tags.1' }] })
      const created = await api('POST', '/leads', { token: staff, body: { name: 'New\u0000', phone: '+8801811110009' } })
      expect(created.body).toMatchObject({ error: 'invalid_input', errors: [{ path: 'name' }] })
      const after = await asSystem(() => payload.findByID({ collection: 'leads', id: alpha.id, overrideAccess: true }))
      expect(after).toMatchObject({ name: 'Alpha lead', tags: ['vip', 'dhaka'] })
    })

    it('refuses a relationship value that is not an id, once per field', async () => {
      const nul = await api('PATCH', `/conversations/${fx.conversation}`, { token: staff, body: { customer: '\u0000' } })
      expect(nul.status).toBe(400)
      expect(nul.body).toMatchObject({ error: 'invalid_input', errors: [{ path: 'customer' }] })
      expect(nul.body.errors).toHaveLength(1)
      for (const customer of ['abc', 123, { id: 'abc' }]) {
        const res = await api('PATCH', `/conversations/${fx.conversation}`, { token: staff, body: { customer } })
        expect(res.status).toBe(400)
        expect(res.body).toMatchObject({ error: 'invalid_id', errors: [{ path: 'customer' }] })
      }
      const order = await api('POST', '/orders', {
        token: staff,
        body: { customer: fx.customer, items: [{ product: 'abc', quantity: 1 }], paymentMethod: 'cod', source: 'manual', status: 'pending' },
      })
      expect(order.body).toMatchObject({ error: 'invalid_id', errors: [{ path: 'items.0.product' }] })
    })

    it('still links and unlinks a relationship by id', async () => {
      const linked = await api('PATCH', `/conversations/${fx.conversation}`, { token: staff, body: { customer: fx.customer } })
      expect(linked.status).toBe(200)
      expect(linked.body.doc.customer.id).toBe(fx.customer)
      const unlinked = await api('PATCH', `/conversations/${fx.conversation}`, { token: staff, body: { customer: '' } })
      expect(unlinked.status).toBe(200)
      expect(unlinked.body.doc.customer).toBeNull()
    })

    it('refuses a date that is not a date, even where Payload skips validation (a hidden field)', async () => {
      // `suspendedAt` shows only for suspended shops, so Payload does not validate it, and
      // PostgreSQL reads "yesterday" as a date: it was stored.
      const res = await api('PATCH', `/tenants/${shopB.id}`, { token: root, body: { suspendedAt: 'yesterday' } })
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ error: 'invalid_input', errors: [{ path: 'suspendedAt' }] })
      const after = await asSystem(() => payload.findByID({ collection: 'tenants', id: shopB.id, overrideAccess: true }))
      expect(after.suspendedAt ?? null).toBeNull()
    })
  })

  describe('valid queries still answer with the right rows', () => {
    const get = async (path: string, token = staff) => {
      const res = await api('GET', path, { token })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body
    }

    it('nested and/or, like, contains, exists, in and not_in', async () => {
      expect(ids(await get('/leads?where[or][0][and][0][name][like]=alpha'))).toEqual([alpha.id])
      expect(ids(await get('/leads?where[or][0][name][like]=alpha&where[or][1][status][equals]=contacted'))).toEqual([alpha.id, beta.id].sort())
      expect(ids(await get('/leads?where[tags][contains]=vip'))).toEqual([alpha.id])
      expect(ids(await get('/leads?where[tags][in]=vip,none'))).toEqual([alpha.id])
      expect(ids(await get('/leads?where[assignedTo][exists]=false'))).toEqual([alpha.id, beta.id].sort())
      expect(ids(await get(`/leads?where[id][in]=${alpha.id},${NOBODY}`))).toEqual([alpha.id])
      expect(ids(await get(`/leads?where[id][in][0]=${alpha.id}&where[id][in][1]=${beta.id}`))).toEqual([alpha.id, beta.id].sort())
      expect(ids(await get(`/leads?where[id][not_in]=${alpha.id}`))).toEqual([beta.id])
      expect(ids(await get('/leads?where[status][not_equals]=new&where[createdAt][greater_than]=2000-01-01'))).toEqual([beta.id])
      // The admin's search box on a collection titled by id sends `like`: a non-id matches nothing.
      expect(ids(await get('/leads?where[id][like]=ada'))).toEqual([])
    })

    it('relationship paths, and the tenant filter with a list of ids', async () => {
      expect(ids(await get('/leads?where[tenant.name][like]=alpha'))).toEqual([alpha.id, beta.id].sort())
      expect(ids(await get(`/leads?where[tenant][in]=${shopA.id},${shopB.id}`, root))).toEqual([alpha.id, beta.id, theirs.id].sort())
      expect((await get(`/users?where[tenants.tenant][in]=${shopA.id},${shopB.id}`, root)).totalDocs).toBe(2)
    })

    it('the admin’s list view query, sorts, select and populate', async () => {
      const list = await get('/leads?where[and][0][or][0][name][like]=lead&limit=10&page=1&sort=-updatedAt')
      expect(list.docs.map((l: Lead) => l.id)).toEqual([beta.id, alpha.id])
      expect((await get('/leads?sort=-createdAt')).docs.map((l: Lead) => l.id)).toEqual([beta.id, alpha.id])
      expect((await get('/leads?sort=-status,name')).docs.map((l: Lead) => l.id)).toEqual([beta.id, alpha.id])
      const selected = await get('/leads?select[name]=true&sort=name')
      expect(selected.docs).toEqual([
        { id: alpha.id, name: 'Alpha lead' },
        { id: beta.id, name: 'Beta lead' },
      ])
      const populated = await get(`/leads?where[id][equals]=${alpha.id}&depth=1&populate[tenants][name]=true`)
      expect(populated.docs[0].tenant).toEqual({ id: shopA.id, name: 'Alpha shop' })
    })

    it('depth 0 to 10, limit up to 1000 or 0, pagination=false, draft and trash flags', async () => {
      expect((await get(`/leads/${alpha.id}?depth=0`)).tenant).toBe(shopA.id)
      expect((await get(`/leads/${alpha.id}?depth=10`)).tenant.id).toBe(shopA.id)
      expect((await get('/leads?limit=1000')).totalDocs).toBe(2)
      expect((await get('/leads?limit=0')).docs).toHaveLength(2)
      const page2 = await get('/leads?limit=1&page=2&sort=name')
      expect(page2.docs.map((l: Lead) => l.id)).toEqual([beta.id])
      expect((await get('/leads?pagination=false&draft=false&trash=false')).docs).toHaveLength(2)
      expect((await get('/leads?draft=true&locale=all')).docs).toHaveLength(2)
    })

    it('system work may page however it needs', async () => {
      const all = await asSystem(() => payload.find({ collection: 'leads', limit: 5000, overrideAccess: true }))
      expect(all.totalDocs).toBe(3)
    })
  })

  describe('GraphQL', () => {
    it('answers a bad where, id or sort with its code, not internal_error', async () => {
      const where = await graphql('{ Leads(where: { id: { equals: "x" } }) { docs { id } } }', { token: staff })
      expect(where.body.errors?.[0].extensions).toMatchObject({ code: 'invalid_id', statusCode: 400, errors: [{ path: 'where.id.equals' }] })
      const byId = await graphql('{ Lead(id: "x") { id } }', { token: staff })
      expect(byId.body.errors?.[0].extensions).toMatchObject({ code: 'not_found', statusCode: 404 })
      const sort = await graphql('{ Leads(sort: "-nonexistent") { docs { id } } }', { token: staff })
      expect(sort.body.errors?.[0].extensions).toMatchObject({ code: 'invalid_query', errors: [{ path: 'sort' }] })
      const limit = await graphql('{ Leads(limit: -1) { docs { id } } }', { token: staff })
      expect(limit.body.errors?.[0].extensions).toMatchObject({ code: 'invalid_query', errors: [{ path: 'limit' }] })
    })

    it('still answers valid queries, with OR as GraphQL writes it', async () => {
      const res = await graphql<{ Leads: { docs: { id: string }[] } }>(`{ Leads(where: { OR: [{ name: { like: "alpha" } }, { id: { equals: "${beta.id}" } }] }, sort: "name") { docs { id } } }`, {
        token: staff,
      })
      expect(res.body.errors).toBeUndefined()
      expect(res.body.data?.Leads.docs.map((d) => d.id)).toEqual([alpha.id, beta.id])
    })
  })

  it('refuses the same malformed where from the Local API (the check is not REST-only)', async () => {
    const product = await createProduct(payload, shopA)
    await expect(asSystem(() => payload.find({ collection: 'products', where: { price: { equals: 'abc' } }, overrideAccess: true }))).rejects.toMatchObject({
      status: 400,
      data: { error: 'invalid_query', errors: [{ path: 'where.price.equals' }] },
    })
    const found = await asSystem(() => payload.find({ collection: 'products', where: { price: { equals: product.price } }, overrideAccess: true }))
    expect(found.docs.map((p) => p.id)).toEqual([product.id])
  })
})
