import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { AuditLog, Tenant, User } from '../../payload-types'
import { purgeAuditLog } from '../../src/audit/purge'
import { api, graphql, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'
import { sampleData } from './helpers/samples'

const fx = (tenant: Tenant) => ({ tenant: tenant.id, customer: '', product: '', number: '', conversation: '' })

describe('audit log', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let adminA: User
  let adminB: User
  let tokenA: string

  /** Entries as the platform sees them (fixture read), newest last. */
  const entries = async (where: Record<string, unknown> = {}) =>
    (await asSystem(() => payload.find({ collection: 'audit-logs', where: where as never, sort: 'createdAt', pagination: false, overrideAccess: true, depth: 0 }))).docs
  const tenantOf = (e: AuditLog) => (typeof e.tenant === 'object' ? e.tenant?.id : e.tenant) ?? null

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload, { name: 'Shop A' })
    shopB = await createTenant(payload, { name: 'Shop B' })
    adminA = await createStaff(payload, shopA, 'tenant-admin')
    adminB = await createStaff(payload, shopB, 'tenant-admin')
    tokenA = await login(adminA.email, PASSWORD)
  })

  it('records a create, an update and a delete with the actor, the changed fields, request id and IP', async () => {
    // The client as a proxy on loopback (TRUSTED_PROXIES' default) passed it on.
    const headers = { 'x-forwarded-for': '203.0.113.7, 127.0.0.1', 'x-request-id': 'req-create-1' }
    const created = await api('POST', '/products', { token: tokenA, headers, body: sampleData('products', fx(shopA)) })
    expect(created.status).toBe(201)
    const id = created.body.doc.id as string
    await api('PATCH', `/products/${id}`, { token: tokenA, body: { name: 'Renamed', price: 2500 } })
    await api('DELETE', `/products/${id}`, { token: tokenA })

    const log = await entries({ documentId: { equals: id } })
    expect(log.map((e) => e.action)).toEqual(['create', 'update', 'delete'])
    for (const e of log) {
      expect(e).toMatchObject({ collection: 'products', actorType: 'user', actorLabel: adminA.email })
      expect(tenantOf(e)).toBe(shopA.id)
      expect(typeof e.actorUser === 'object' ? e.actorUser?.id : e.actorUser).toBe(adminA.id)
    }
    expect(log[0]).toMatchObject({ requestId: 'req-create-1', ip: '203.0.113.7' })
    expect((log[0].changes as Record<string, { before: unknown; after: unknown }>).sku).toEqual({ before: null, after: created.body.doc.sku })
    expect(log[1].changes).toEqual({ name: { before: created.body.doc.name, after: 'Renamed' }, price: { before: 1000, after: 2500 } })
    expect(log[1].requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect((log[2].changes as Record<string, { before: unknown; after: unknown }>).name).toEqual({ before: 'Renamed', after: null })
  })

  it('masks secrets: a changed page token shows as changed, never its value', async () => {
    const page = await api('POST', '/pages', { token: tokenA, body: sampleData('pages', fx(shopA)) })
    expect(page.status).toBe(201)
    await api('PATCH', `/pages/${page.body.doc.id}`, { token: tokenA, body: { accessToken: 'EAAB-new-secret-token-9999' } })
    const log = await entries({ documentId: { equals: page.body.doc.id } })
    const text = JSON.stringify(log.map((e) => e.changes))
    expect(text).not.toContain('EAAB')
    expect(text).not.toContain('9999')
    // The token change (it also resets the page's proof, plugins/meta) among the entries of the
    // plugin's own checks after each write.
    const changes = log.filter((e) => e.action === 'update').map((e) => e.changes as Record<string, unknown>)
    const tokenChange = changes.find((c) => 'accessTokenHint' in c)!
    expect(tokenChange.accessTokenHint).toEqual({ before: '••••', after: '••••' })
    expect(Object.keys(tokenChange)).not.toContain('accessToken')
    expect(changes.filter((c) => 'accessTokenHint' in c)).toHaveLength(1)
  })

  it('names API keys and system jobs as actors', async () => {
    const product = await createProduct(payload, shopA, { stock: 5 })
    const [fixture] = await entries({ documentId: { equals: product.id } })
    expect(fixture).toMatchObject({ action: 'create', actorType: 'system', actorLabel: 'system: test fixture' })

    const key = (await asSystem(() =>
      payload.create({ collection: 'api-keys', data: { tenant: shopA.id, label: 'storefront', scopes: ['orders-create', 'customers-create'] }, overrideAccess: true }),
    )) as unknown as { id: string; key: string }
    const placed = await api('POST', '/storefront/orders', {
      headers: { 'x-api-key': key.key },
      body: { customer: { name: 'Rahim', phone: '+8801711000099', address: { line1: '1 Road', city: 'Dhaka' } }, items: [{ productId: product.id, quantity: 1 }] },
    })
    expect(placed.status).toBe(201)
    const orders = await entries({ collection: { equals: 'orders' } })
    expect(orders.at(-1)).toMatchObject({ action: 'create', actorType: 'api-key', actorLabel: `API key ${key.id}` })
    expect(tenantOf(orders.at(-1)!)).toBe(shopA.id)
  })

  it('leaves no entry for a write that was rolled back', async () => {
    const before = (await entries()).length
    const refused = await api('POST', '/products', { token: tokenA, body: { ...sampleData('products', fx(shopA)), price: -5 } })
    expect(refused.status).toBe(400)
    expect((await entries()).length).toBe(before)
  })

  it('records sign-ins and failed sign-ins, in the user’s tenants; an unknown email only for the platform', async () => {
    await login(adminB.email, PASSWORD)
    const wrong = await api('POST', '/users/login', { body: { email: adminB.email, password: 'not-it' }, headers: { 'x-forwarded-for': '198.51.100.4' } })
    expect(wrong.status).toBe(401)
    const nobody = await api('POST', '/users/login', { body: { email: 'nobody@example.test', password: 'x' } })
    expect(nobody.status).toBe(401)

    const logins = await entries({ action: { in: ['login', 'login-failed'] }, actorLabel: { in: [adminB.email, 'nobody@example.test'] } })
    expect(logins.map((e) => [e.action, e.actorLabel, tenantOf(e)])).toEqual([
      ['login', adminB.email, shopB.id],
      ['login-failed', adminB.email, shopB.id],
      ['login-failed', 'nobody@example.test', null],
    ])
    expect(logins[1]).toMatchObject({ ip: '198.51.100.4', actorType: 'anonymous' })
  })

  it('records the super-admin’s reads across tenants', async () => {
    const root = await createSuperAdmin(payload)
    const token = await login(root.email, PASSWORD)
    await api('GET', '/products?limit=5', { token, headers: { 'x-request-id': 'root-read-1' } })
    await expect.poll(async () => (await entries({ requestId: { equals: 'root-read-1' } })).length).toBe(1)
    const [read] = await entries({ requestId: { equals: 'root-read-1' } })
    expect(read).toMatchObject({ action: 'read-across-tenants', actorLabel: root.email, summary: 'GET /api/products' })
    expect(tenantOf(read)).toBeNull()
  })

  it('a tenant-admin reads their tenant’s entries only, over REST, GraphQL and the Local API; staff of other roles none', async () => {
    const rest = await api('GET', '/audit-logs?limit=100', { token: tokenA })
    expect(rest.status).toBe(200)
    expect(rest.body.docs.length).toBeGreaterThan(0)
    expect(new Set(rest.body.docs.map((e: AuditLog) => tenantOf(e)))).toEqual(new Set([shopA.id]))
    const gql = await graphql(
      `
        {
          AuditLogs(limit: 100) {
            docs {
              tenant {
                id
              }
            }
          }
        }
      `,
      { token: await login(adminB.email, PASSWORD) },
    )
    expect(new Set(gql.body.data!.AuditLogs.docs.map((e: { tenant: { id: string } }) => e.tenant.id))).toEqual(new Set([shopB.id]))
    const local = await payload.find({ collection: 'audit-logs', user: adminB, overrideAccess: false, pagination: false })
    expect(local.docs.every((e) => tenantOf(e) === shopB.id)).toBe(true)
    const agent = await createStaff(payload, shopA, 'support-agent')
    expect((await api('GET', '/audit-logs', { token: await login(agent.email, PASSWORD) })).status).toBe(403)
  })

  it('cannot be changed or deleted through any API, not even by the super-admin, nor by the app’s database role', async () => {
    const root = await createSuperAdmin(payload)
    const token = await login(root.email, PASSWORD)
    const [entry] = await entries({ tenant: { equals: shopA.id } })
    expect((await api('PATCH', `/audit-logs/${entry.id}`, { token, body: { summary: 'edited' } })).status).toBe(403)
    expect((await api('DELETE', `/audit-logs/${entry.id}`, { token })).status).toBe(403)
    expect((await api('POST', '/audit-logs', { token, body: { action: 'create', actorType: 'system' } })).status).toBe(403)
    const mutation = await graphql(`mutation { deleteAuditLog(id: "${entry.id}") { id } }`, { token })
    expect(mutation.body.errors?.length).toBeGreaterThan(0)
    // Even the Local API with overrideAccess: the app's role may not UPDATE or DELETE the table.
    const forced = await asSystem(() => payload.update({ collection: 'audit-logs', id: entry.id, data: { summary: 'edited' }, overrideAccess: true })).catch((e: unknown) => e)
    expect(String((forced as Error)?.cause ?? forced)).toMatch(/permission denied/)
    const [still] = await entries({ id: { equals: entry.id } })
    expect(still.summary).toBe(entry.summary)
  })

  it('keeps entries for the retention period; the purge job removes older ones only', async () => {
    const [old] = await entries({ tenant: { equals: shopB.id } })
    await ownerPool().query(`update audit_logs set created_at = now() - interval '400 days' where id = $1`, [old.id])
    const total = (await entries()).length
    expect(await purgeAuditLog(payload, 365, 1)).toBe(1)
    expect((await entries()).length).toBe(total - 1)
    expect(await entries({ id: { equals: old.id } })).toEqual([])
    // The function itself keeps AUDIT_RETENTION_DAYS (365 here), whatever cutoff it is given.
    await expect(ownerPool().query(`select audit_purge(now(), 10)`)).rejects.toThrow(/entries of the last 365 days are kept/)
    await expect(ownerPool().query(`select audit_purge(now() - interval '30 days', 10)`)).rejects.toThrow(/are kept/)
    const refused = await purgeAuditLog(payload, 30, 10).catch((e: unknown) => e)
    expect(String((refused as Error)?.cause ?? refused)).toMatch(/are kept/)
  })
})
