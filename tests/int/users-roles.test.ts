import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { api, login } from './helpers/api'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { createAsSystem, tenantFixture } from './helpers/samples'
import { freshPayload } from './helpers/payload'

describe('users, platform role and tenant memberships', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let adminA: User
  let tokenA: string

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload)
    shopB = await createTenant(payload)
    adminA = await createStaff(payload, shopA, 'tenant-admin')
    await createStaff(payload, shopB, 'support-agent')
    tokenA = await login(adminA.email, PASSWORD)
  })

  it('carries the tenant memberships and their roles in the JWT', async () => {
    const [, payloadPart] = tokenA.split('.')
    const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString())
    expect(claims.roles).toEqual(['user'])
    expect(claims.tenants).toEqual([expect.objectContaining({ tenant: shopA.id, role: 'tenant-admin' })])
  })

  it('lets nobody but the super-admin grant super-admin, not even to themselves', async () => {
    const res = await api('PATCH', `/users/${adminA.id}`, { token: tokenA, body: { roles: ['super-admin'] } })
    expect(res.status).toBe(200)
    const after = await asSystem(() => payload.findByID({ collection: 'users', id: adminA.id, overrideAccess: true }))
    expect(after.roles).toEqual(['user'])
  })

  it('does not let staff add themselves to another tenant', async () => {
    await api('PATCH', `/users/${adminA.id}`, {
      token: tokenA,
      body: {
        tenants: [
          { tenant: shopA.id, role: 'tenant-admin' },
          { tenant: shopB.id, role: 'tenant-admin' },
        ],
      },
    })
    const after = await asSystem(() => payload.findByID({ collection: 'users', id: adminA.id, overrideAccess: true, depth: 0 }))
    expect(after.tenants?.map((t) => t.tenant)).toEqual([shopA.id])
  })

  it('shows staff the users of their own tenant only', async () => {
    const res = await api('GET', '/users?limit=100', { token: tokenA })
    expect(res.status).toBe(200)
    expect(res.body.docs.map((u: User) => u.email)).toEqual([adminA.email])
  })

  it('a tenant’s logo must be one of its own media, never another tenant’s', async () => {
    const theirs = await createAsSystem(payload, 'media', await tenantFixture(payload, shopB.id))
    const mine = await createAsSystem(payload, 'media', await tenantFixture(payload, shopA.id))
    const res = await api('PATCH', `/tenants/${shopA.id}`, { token: tokenA, body: { branding: { logo: theirs.id } } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ path: 'branding.logo', message: 'This media does not exist in this tenant.' })
    expect((await api('PATCH', `/tenants/${shopA.id}`, { token: tokenA, body: { branding: { logo: mine.id } } })).status).toBe(200)
  })

  it('shows staff their own tenant only; a tenant-admin edits its profile but not its status or slug', async () => {
    const res = await api('GET', '/tenants', { token: tokenA })
    expect(res.body.docs.map((t: Tenant) => t.id)).toEqual([shopA.id])
    const patch = await api('PATCH', `/tenants/${shopA.id}`, { token: tokenA, body: { status: 'suspended', slug: 'hijack', name: 'Renamed' } })
    expect(patch.status).toBe(200)
    const after = await asSystem(() => payload.findByID({ collection: 'tenants', id: shopA.id, overrideAccess: true }))
    expect({ name: after.name, status: after.status, slug: after.slug }).toEqual({ name: 'Renamed', status: 'active', slug: shopA.slug })
    expect([403, 404]).toContain((await api('PATCH', `/tenants/${shopB.id}`, { token: tokenA, body: { name: 'Mine now' } })).status)
    expect((await asSystem(() => payload.findByID({ collection: 'tenants', id: shopB.id, overrideAccess: true }))).name).toBe(shopB.name)
    const create = await api('POST', '/tenants', { token: tokenA, body: { name: 'Mine', slug: 'mine' } })
    expect(create.status).toBe(403)
  })
})

describe('tenant registry validation', () => {
  let payload: Payload
  beforeAll(async () => {
    payload = await freshPayload()
  })

  it('rejects slugs that are not URL-safe and host names that are not valid', async () => {
    await expect(createTenant(payload, { slug: 'Acme Shop!' })).rejects.toThrow(/slug/i)
    await expect(createTenant(payload, { slug: '-acme' })).rejects.toThrow(/slug/i)
    await expect(createTenant(payload, { domains: [{ domain: 'not a host' }] })).rejects.toThrow(/domain/i)
    await expect(createTenant(payload, { slug: 'acme-shop', domains: [{ domain: 'shop.acme.test' }] })).resolves.toBeTruthy()
  })

  it('keeps slugs unique', async () => {
    await createTenant(payload, { slug: 'taken' })
    await expect(createTenant(payload, { slug: 'taken' })).rejects.toThrow()
  })
})

describe('a tenant-admin manages the users of its own tenant only', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let token: string

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload)
    shopB = await createTenant(payload)
    const admin = await createStaff(payload, shopA, 'tenant-admin')
    token = await login(admin.email, PASSWORD)
  })

  it('creates no account directly (people join by invitation), in its own tenant or any other', async () => {
    for (const tenant of [shopA, shopB]) {
      const res = await api('POST', '/users', { token, body: { email: `direct-${tenant.slug}@example.test`, password: PASSWORD, tenants: [{ tenant: tenant.id, role: 'support-agent' }] } })
      expect(res.status).toBe(403)
    }
    expect((await asSystem(() => payload.count({ collection: 'users', where: { email: { like: 'direct-' } }, overrideAccess: true }))).totalDocs).toBe(0)
  })

  it('cannot grant super-admin, to a member or to itself', async () => {
    const member = await createStaff(payload, shopA, 'sales-operator')
    const me = (await api('GET', '/users/me', { token })).body.user
    for (const id of [member.id, me.id]) {
      const res = await api('PATCH', `/users/${id}`, { token, body: { roles: ['super-admin'] } })
      expect(res.status).toBe(200)
      const after = await asSystem(() => payload.findByID({ collection: 'users', id, overrideAccess: true }))
      expect(after.roles).not.toContain('super-admin')
    }
  })

  it('cannot touch a user of another tenant, nor delete one who also belongs elsewhere', async () => {
    const outsider = await createStaff(payload, shopB, 'sales-operator')
    expect([403, 404]).toContain((await api('PATCH', `/users/${outsider.id}`, { token, body: { name: 'x' } })).status)
    expect([403, 404]).toContain((await api('DELETE', `/users/${outsider.id}`, { token })).status)
    const shared = await createStaff(payload, [shopA, shopB], 'support-agent')
    const del = await api('DELETE', `/users/${shared.id}`, { token })
    expect(del.status).toBeGreaterThanOrEqual(400)
    expect((await asSystem(() => payload.count({ collection: 'users', where: { id: { equals: shared.id } }, overrideAccess: true }))).totalDocs).toBe(1)
  })
})
