import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { DEMO_TENANTS, demoPasswords, staffEmail, SUPER_ADMIN_EMAIL } from '../../src/seed/demo-data'
import { isDatabaseEmpty, seed } from '../../src/seed/seed'
import { TENANT_ROLES } from '../../src/tenancy/roles'
import { api, login } from './helpers/api'
import { asSystem } from './helpers/factories'
import { freshPayload } from './helpers/payload'

describe('demo data', () => {
  let payload: Payload

  beforeAll(async () => {
    payload = await freshPayload()
  })

  it('fills an empty database: super-admin, 3 tenants (2 active, 1 suspended), a user per role per tenant, products', async () => {
    expect(await isDatabaseEmpty(payload)).toBe(true)
    const result = await seed(payload)
    const productCount = DEMO_TENANTS.reduce((n, t) => n + t.products.length, 0)
    expect(result.created).toMatchObject({ tenants: 3, users: 1 + 3 * TENANT_ROLES.length, products: productCount })
    // Every tenant-owned collection has demo rows (the logos are drawn at seed time).
    for (const collection of ['customers', 'orders', 'pages', 'numbers', 'couriers', 'leads', 'api-keys', 'plans', 'media', 'shop-settings'] as const) {
      expect((await asSystem(() => payload.count({ collection, overrideAccess: true }))).totalDocs, collection).toBeGreaterThan(0)
    }
    expect(result.apiKeys.map((k) => k.tenant).sort()).toEqual(['acme-gadgets', 'dhaka-threads'])
    expect(await isDatabaseEmpty(payload)).toBe(false)

    const tenants = await asSystem(() => payload.find({ collection: 'tenants', overrideAccess: true, sort: 'slug' }))
    expect(tenants.docs.map((t) => t.status).sort()).toEqual(['active', 'active', 'suspended'])
    // Both active shops are branded, each its own way: a logo of its own, its colours and theme on the tenant record the admin applies.
    const active = tenants.docs.filter((t) => t.status === 'active')
    for (const tenant of active) {
      const logo = tenant.branding?.logo
      expect(logo, tenant.slug).toBeTruthy()
      const media = await asSystem(() => payload.findByID({ collection: 'media', id: typeof logo === 'object' ? logo!.id : logo!, overrideAccess: true, depth: 0 }))
      expect(media.tenant === tenant.id || (typeof media.tenant === 'object' && media.tenant?.id === tenant.id)).toBe(true)
      expect(media.mimeType).toBe('image/png')
    }
    expect(new Set(active.map((t) => t.branding?.primaryColor)).size).toBe(2)
    expect(active.map((t) => t.branding?.theme).sort()).toEqual(['dark', 'light'])

    for (const demo of DEMO_TENANTS) {
      for (const role of TENANT_ROLES) {
        const { docs } = await asSystem(() =>
          payload.find({
            collection: 'users',
            where: { email: { equals: staffEmail(role, demo.slug) } },
            overrideAccess: true,
            depth: 1,
          }),
        )
        expect(docs).toHaveLength(1)
        const membership = docs[0].tenants?.[0]
        expect(membership?.role).toBe(role)
        expect(typeof membership?.tenant === 'object' && membership.tenant?.slug).toBe(demo.slug)
      }
    }
  })

  it('gives working logins: the super-admin sees all products, a tenant admin only its own', async () => {
    const passwords = demoPasswords()
    const rootToken = await login(SUPER_ADMIN_EMAIL, passwords.superAdmin)
    const all = await api('GET', '/products?limit=200', { token: rootToken })
    expect(all.body.totalDocs).toBe(DEMO_TENANTS.reduce((n, t) => n + t.products.length, 0))

    const acme = DEMO_TENANTS[0]
    const token = await login(staffEmail('tenant-admin', acme.slug), passwords.staff)
    const own = await api('GET', '/products?limit=200&sort=sku', { token })
    expect(own.body.docs.map((p: { sku: string }) => p.sku)).toEqual(acme.products.map((p) => p.sku).sort())
  })

  it('gives each active shop its own custom field, with values, visible to its staff only', async () => {
    const acme = await login(staffEmail('tenant-admin', 'acme-gadgets'), demoPasswords().staff)
    const dhaka = await login(staffEmail('tenant-admin', 'dhaka-threads'), demoPasswords().staff)
    const fieldsOf = async (token: string, entity: string) => (await api('GET', `/tenant/custom-fields?entity=${entity}`, { token })).body.definitions.map((d: { key: string }) => d.key)
    expect(await fieldsOf(acme, 'products')).toEqual(['warranty_months'])
    expect(await fieldsOf(acme, 'customers')).toEqual([])
    expect(await fieldsOf(dhaka, 'customers')).toEqual(['preferred_delivery_time'])
    expect(await fieldsOf(dhaka, 'products')).toEqual([])
    const warranties = (await api('GET', '/products?depth=0&limit=50&where[customFields.warranty_months][exists]=true', { token: acme })).body.docs
    expect(warranties.length).toBeGreaterThanOrEqual(4)
    const times = (await api('GET', '/customers?depth=0&limit=50&where[customFields.preferred_delivery_time][equals]=evening', { token: dhaka })).body.docs
    expect(times.length).toBeGreaterThanOrEqual(1)
  })

  it('gives the shop’s home 90 days of history: every day of the last 30 has orders, already rolled up (today’s live ones too)', async () => {
    const token = await login(staffEmail('tenant-admin', DEMO_TENANTS[0].slug), demoPasswords().staff)
    const res = await api('GET', '/dashboards/summary?period=30d', { token })
    expect(res.status).toBe(200)
    const orders = res.body.sections.sales.series.find((s: { key: string }) => s.key === 'orders').points as { day: string; value: number }[]
    expect(orders).toHaveLength(30)
    expect(orders.every((p) => p.value > 0)).toBe(true)
    expect(res.body.sections.sales.tiles.find((t: { key: string }) => t.key === 'revenue').previous).toBeGreaterThan(0)
  })

  it('is idempotent: a second run adds nothing', async () => {
    const again = await seed(payload)
    expect(again.created).toEqual({ tenants: 0, users: 0, products: 0, other: 0 })
    expect(again.apiKeys).toEqual([])
  })
})
