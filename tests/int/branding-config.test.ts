import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { api, graphql, login } from './helpers/api'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

describe('shop configuration and branding API', () => {
  let payload: Payload
  let a: { tenant: Tenant; admin: string; support: string }
  let b: { tenant: Tenant; admin: string }
  let stranger: string

  const shop = async () => {
    const tenant = await createTenant(payload)
    return { tenant, admin: await login((await createStaff(payload, tenant, 'tenant-admin')).email, PASSWORD) }
  }

  beforeAll(async () => {
    payload = await freshPayload()
    const first = await shop()
    a = { ...first, support: await login((await createStaff(payload, first.tenant, 'support-agent')).email, PASSWORD) }
    b = await shop()
    stranger = (await shop()).admin
  })

  it('answers the defaults for a shop that never saved any, with each setting described', async () => {
    const res = await api('GET', `/tenant/config?tenant=${a.tenant.id}`, { token: a.support })
    expect(res.status).toBe(200)
    expect(res.body.config).toMatchObject({ lowStockThreshold: 5, defaultPaymentMethod: 'cod', businessHours: { start: '09:00', end: '21:00' }, couriers: { riskThreshold: 60 }, moneyLocale: 'en-BD' })
    expect(res.body.schema.lowStockThreshold).toMatchObject({ default: 5, description: expect.any(String) })
  })

  it('merges a change over the current settings, keeps a version per save with who, and writes it onto the tenant', async () => {
    const put = await api('PUT', `/tenant/config?tenant=${a.tenant.id}`, { token: a.admin, body: { lowStockThreshold: 12, businessHours: { end: '23:00' } } })
    expect(put.status).toBe(200)
    expect(put.body.config).toMatchObject({ lowStockThreshold: 12, businessHours: { start: '09:00', end: '23:00' }, defaultPaymentMethod: 'cod' })
    await api('PUT', `/tenant/config?tenant=${a.tenant.id}`, { token: a.admin, body: { couriers: { riskThreshold: 75 } } })
    const tenant = await asSystem(() => payload.findByID({ collection: 'tenants', id: a.tenant.id, depth: 0, overrideAccess: true }))
    expect(tenant.settings).toMatchObject({ lowStockThreshold: 12, couriers: { riskThreshold: 75, settleAfterDays: 7 } })
    const doc = (await asSystem(() => payload.find({ collection: 'shop-settings', where: { tenant: { equals: a.tenant.id } }, depth: 0, overrideAccess: true }))).docs[0]
    const versions = await asSystem(() => payload.findVersions({ collection: 'shop-settings', where: { parent: { equals: doc.id } }, sort: '-updatedAt', depth: 0, overrideAccess: true }))
    expect(versions.docs.length).toBeGreaterThanOrEqual(2)
    expect(versions.docs[0].version).toMatchObject({ changedBy: expect.stringContaining('@'), config: expect.objectContaining({ couriers: expect.objectContaining({ riskThreshold: 75 }) }) })
    // Restoring the older version brings its settings back, onto the tenant too.
    const older = versions.docs.find(
      (v) => (v.version.config as { couriers?: { riskThreshold?: number } })?.couriers?.riskThreshold === 60 && (v.version.config as { lowStockThreshold?: number }).lowStockThreshold === 12,
    )!
    // As the admin's Versions tab does it: the shop's tenant-admin restores over REST.
    const restore = await api('POST', `/shop-settings/versions/${older.id}`, { token: a.admin })
    expect(restore.status).toBe(200)
    const restored = await asSystem(() => payload.findByID({ collection: 'tenants', id: a.tenant.id, depth: 0, overrideAccess: true }))
    expect(restored.settings).toMatchObject({ lowStockThreshold: 12, couriers: { riskThreshold: 60 } })
  })

  it('refuses bad settings naming each field, and stores nothing', async () => {
    const before = (await api('GET', `/tenant/config?tenant=${a.tenant.id}`, { token: a.admin })).body.config
    const res = await api('PUT', `/tenant/config?tenant=${a.tenant.id}`, {
      token: a.admin,
      body: { lowStockThreshold: -1, businessHours: { start: '25:00' }, couriers: { riskThreshold: 'high' }, colour: 'red' },
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_input')
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['businessHours.start', 'colour', 'couriers.riskThreshold', 'lowStockThreshold'])
    expect((await api('PUT', `/tenant/config?tenant=${a.tenant.id}`, { token: a.admin, body: [1, 2] })).status).toBe(400)
    expect((await api('GET', `/tenant/config?tenant=${a.tenant.id}`, { token: a.admin })).body.config).toEqual(before)
  })

  it('is the shop’s own: another shop, a stranger, other roles and anonymous callers are refused', async () => {
    for (const token of [b.admin, stranger]) {
      expect((await api('GET', `/tenant/config?tenant=${a.tenant.id}`, { token })).status).toBe(403)
      expect((await api('PUT', `/tenant/config?tenant=${a.tenant.id}`, { token, body: { lowStockThreshold: 1 } })).status).toBe(403)
      expect((await api('PUT', `/tenant/branding?tenant=${a.tenant.id}`, { token, body: { titleSuffix: 'pwned' } })).status).toBe(403)
    }
    expect((await api('PUT', `/tenant/config?tenant=${a.tenant.id}`, { token: a.support, body: { lowStockThreshold: 1 } })).status).toBe(403)
    expect((await api('PUT', `/tenant/config?tenant=${a.tenant.id}`, { body: { lowStockThreshold: 1 } })).status).toBe(401)
    // Over REST and GraphQL the settings documents are the shop's only.
    await api('GET', `/tenant/config?tenant=${b.tenant.id}`, { token: b.admin })
    const list = await api('GET', '/shop-settings?depth=0', { token: b.admin })
    expect(list.body.docs.every((d: { tenant: string }) => d.tenant === b.tenant.id)).toBe(true)
    const gql = await graphql('{ ShopSettings { docs { id tenant { id } } } }', { token: b.admin })
    expect((gql.body.data.ShopSettings.docs as { tenant: { id: string } }[]).every((d) => d.tenant.id === b.tenant.id)).toBe(true)
    const mine = (await api('GET', `/shop-settings?depth=0&where[tenant][equals]=${a.tenant.id}`, { token: a.admin })).body.docs[0]
    expect((await api('PATCH', `/shop-settings/${mine.id}`, { token: b.admin, body: { branding: { titleSuffix: 'pwned' } } })).status).toBe(404)
    expect((await api('GET', `/tenant/config?tenant=${a.tenant.id}`, { token: a.admin })).body.config.lowStockThreshold).not.toBe(1)
  })

  it('changes the branding through the API, and shows a storefront only the public part', async () => {
    const put = await api('PUT', `/tenant/branding?tenant=${a.tenant.id}`, {
      token: a.admin,
      body: { primaryColor: '#0b5394', theme: 'dark', titleSuffix: 'Acme admin', senderName: 'Acme Gadgets', supportEmail: 'help@acme.test' },
    })
    expect(put.status).toBe(200)
    expect(put.body.branding).toMatchObject({ primaryColor: '#0b5394', theme: 'dark', titleSuffix: 'Acme admin', senderName: 'Acme Gadgets' })
    expect((await api('PUT', `/tenant/branding?tenant=${a.tenant.id}`, { token: a.admin, body: { primaryColor: 'blue' } })).status).toBe(400)
    expect((await api('PUT', `/tenant/branding?tenant=${a.tenant.id}`, { token: a.admin, body: { favouriteColour: '#fff' } })).status).toBe(400)
    const tenant = await asSystem(() => payload.findByID({ collection: 'tenants', id: a.tenant.id, depth: 0, overrideAccess: true }))
    expect(tenant.branding).toMatchObject({ primaryColor: '#0b5394', theme: 'dark' })
    const storefront = await api('GET', '/tenant/branding', { headers: { 'x-tenant': a.tenant.slug } })
    expect(storefront.status).toBe(200)
    expect(storefront.body.branding).toEqual(expect.objectContaining({ name: expect.any(String), primaryColor: '#0b5394', theme: 'dark' }))
    expect(storefront.body.branding).not.toHaveProperty('supportEmail')
    expect(storefront.body.branding).not.toHaveProperty('customCss')
    expect((await api('GET', '/tenant/branding')).status).toBe(404)
  })

  it('refuses brand colours without AA-contrasting text and hostile custom CSS, and stores the CSS scoped', async () => {
    const pale = await api('PUT', `/tenant/branding?tenant=${a.tenant.id}`, { token: a.admin, body: { primaryColor: '#777777' } })
    expect(pale.status).toBe(400)
    expect(pale.body.errors).toEqual([expect.objectContaining({ path: 'branding.primaryColor', message: expect.stringMatching(/contrast of 4\.\d:1/) })])
    for (const css of ['@import url(https://evil.test/x.css);', '.x { background: url(https://evil.test/p.png) }', '.x { position: fixed; inset: 0; z-index: 99999 }', '.x { width: expression(alert(1)) }']) {
      const res = await api('PUT', `/tenant/branding?tenant=${a.tenant.id}`, { token: a.admin, body: { customCss: css } })
      expect(res.status, css).toBe(400)
      expect(res.body.errors[0].path).toBe('branding.customCss')
    }
    // The tenant record's copy gets the same checks when written directly.
    const direct = await api('PATCH', `/tenants/${a.tenant.id}`, { token: a.admin, body: { branding: { customCss: '@import url(//evil.test/x.css);' } } })
    expect(direct.status).toBe(400)
    expect(direct.body.errors[0].path).toBe('branding.customCss')
    const ok = await api('PUT', `/tenant/branding?tenant=${a.tenant.id}`, { token: a.admin, body: { customCss: 'body { font-size: 15px } .nav a { color: #0b5394 }' } })
    expect(ok.status).toBe(200)
    expect(ok.body.branding.customCss).toMatch(/^\.shop-theme\{font-size:15px\}\.shop-theme \.nav a\{color:#0b5394\}$/)
  })
})
