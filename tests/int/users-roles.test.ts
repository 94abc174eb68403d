import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { api, login } from './helpers/api'
import { createStaff, createTenant, PASSWORD } from './helpers/factories'
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
    const claims = JSON.parse(Buffer.from(payloadPart!, 'base64url').toString())
    expect(claims.roles).toEqual(['user'])
    expect(claims.tenants).toEqual([expect.objectContaining({ tenant: shopA.id, role: 'tenant-admin' })])
  })

  it('lets nobody but the super-admin grant super-admin, not even to themselves', async () => {
    const res = await api('PATCH', `/users/${adminA.id}`, { token: tokenA, body: { roles: ['super-admin'] } })
    expect(res.status).toBe(200)
    const after = await payload.findByID({ collection: 'users', id: adminA.id, overrideAccess: true })
    expect(after.roles).toEqual(['user'])
  })

  it('does not let staff add themselves to another tenant', async () => {
    await api('PATCH', `/users/${adminA.id}`, {
      token: tokenA,
      body: { tenants: [{ tenant: shopA.id, role: 'tenant-admin' }, { tenant: shopB.id, role: 'tenant-admin' }] },
    })
    const after = await payload.findByID({ collection: 'users', id: adminA.id, overrideAccess: true, depth: 0 })
    expect(after.tenants?.map((t) => t.tenant)).toEqual([shopA.id])
  })

  it('shows staff the users of their own tenant only', async () => {
    const res = await api('GET', '/users?limit=100', { token: tokenA })
    expect(res.status).toBe(200)
    expect(res.body.docs.map((u: User) => u.email)).toEqual([adminA.email])
  })

  it('shows staff their own tenant only; a tenant-admin edits its profile but not its status or slug', async () => {
    const res = await api('GET', '/tenants', { token: tokenA })
    expect(res.body.docs.map((t: Tenant) => t.id)).toEqual([shopA.id])
    const patch = await api('PATCH', `/tenants/${shopA.id}`, { token: tokenA, body: { status: 'suspended', slug: 'hijack', name: 'Renamed' } })
    expect(patch.status).toBe(200)
    const after = await payload.findByID({ collection: 'tenants', id: shopA.id, overrideAccess: true })
    expect({ name: after.name, status: after.status, slug: after.slug }).toEqual({ name: 'Renamed', status: 'active', slug: shopA.slug })
    expect([403, 404]).toContain((await api('PATCH', `/tenants/${shopB.id}`, { token: tokenA, body: { name: 'Mine now' } })).status)
    expect((await payload.findByID({ collection: 'tenants', id: shopB.id, overrideAccess: true })).name).toBe(shopB.name)
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
