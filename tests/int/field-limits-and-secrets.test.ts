import type { Pool } from 'pg'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { api, graphql, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

describe('roles limited to some fields', () => {
  let payload: Payload
  let shop: Tenant
  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload)
  })

  it('a sales-operator changes stock but not price, and is told which fields it may change', async () => {
    const product = await createProduct(payload, shop, { price: 1000, stock: 3 })
    const staff = await createStaff(payload, shop, 'sales-operator')
    const token = await login(staff.email, PASSWORD)
    expect((await api('PATCH', `/products/${product.id}`, { token, body: { stock: 9 } })).status).toBe(200)
    const res = await api('PATCH', `/products/${product.id}`, { token, body: { price: 1, stock: 10 } })
    expect(res.status).toBe(403)
    expect(res.body.message).toBe('Your role may only change: stock (not price).')
    const after = await asSystem(() => payload.findByID({ collection: 'products', id: product.id, overrideAccess: true }))
    expect({ price: after.price, stock: after.stock }).toEqual({ price: 1000, stock: 9 })
  })
})

describe('secrets', () => {
  let payload: Payload
  let shop: Tenant
  let token: string
  const TOKEN = 'EAABsbCS1iHgBAKZCZBsuperSecretPageToken9f2a'

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload)
    const admin = await createStaff(payload, shop, 'tenant-admin')
    token = await login(admin.email, PASSWORD)
  })

  it('are stored encrypted, shown only as a hint, and never returned by REST, GraphQL or the Local API', async () => {
    const created = await api('POST', '/pages', { token, body: { name: 'Shop page', pageId: '1234567890', accessToken: TOKEN, status: 'connected' } })
    expect(created.status).toBe(201)
    const id = created.body.doc.id as string
    const row = await asSystem(() => (payload.db as unknown as { pool: Pool }).pool.query('select access_token, access_token_hint from pages where id = $1', [id]))
    expect(row.rows[0].access_token).toMatch(/^v1:[\w-]+:/)
    expect(row.rows[0].access_token).not.toContain(TOKEN)
    expect(row.rows[0].access_token_hint).toBe('••••9f2a')

    const responses = [
      created.body,
      (await api('GET', `/pages/${id}?depth=2`, { token })).body,
      (await api('GET', '/pages?depth=2', { token })).body,
      (await graphql('{ Pages { docs { id name accessToken accessTokenHint } } }', { token })).body,
      await payload.findByID({
        collection: 'pages',
        id,
        overrideAccess: false,
        user: (await asSystem(() => payload.find({ collection: 'users', overrideAccess: true, limit: 1, where: { roles: { contains: 'user' } } }))).docs[0],
      }),
    ]
    for (const body of responses) {
      const text = JSON.stringify(body)
      expect(text).not.toContain(TOKEN)
      expect(text).not.toContain(row.rows[0].access_token)
      expect(text).toContain('••••9f2a')
    }
  })

  it('keeps the stored secret when an update leaves it empty, and replaces it when a new one is typed', async () => {
    const created = await api('POST', '/pages', { token, body: { name: 'Second', pageId: '2234567890', accessToken: TOKEN, status: 'connected' } })
    const id = created.body.doc.id as string
    await api('PATCH', `/pages/${id}`, { token, body: { name: 'Renamed', accessToken: '' } })
    let page = await asSystem(() => payload.findByID({ collection: 'pages', id, overrideAccess: true, context: { revealSecrets: true } }))
    expect(page.accessTokenHint).toBe('••••9f2a')
    const { decryptSecret } = await import('../../src/crypto')
    expect(decryptSecret(page.accessToken!)).toBe(TOKEN)
    await api('PATCH', `/pages/${id}`, { token, body: { accessToken: 'new-token-77aa' } })
    page = await asSystem(() => payload.findByID({ collection: 'pages', id, overrideAccess: true, context: { revealSecrets: true } }))
    expect(decryptSecret(page.accessToken!)).toBe('new-token-77aa')
    expect(page.accessTokenHint).toBe('••••77aa')
    const forged = await api('PATCH', `/pages/${id}`, { token, body: { accessTokenHint: '••••0000' } })
    expect(forged.status).toBe(200)
    expect((await asSystem(() => payload.findByID({ collection: 'pages', id, overrideAccess: true }))).accessTokenHint).toBe('••••77aa')
  })

  it('cannot be skipped on create by sending a hint instead', async () => {
    const res = await api('POST', '/pages', { token, body: { name: 'No token', pageId: '3234567890', status: 'connected', accessTokenHint: '••••abcd' } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ path: 'accessToken', message: 'This secret is required.' })
    expect((await asSystem(() => payload.count({ collection: 'pages', where: { pageId: { equals: '3234567890' } }, overrideAccess: true }))).totalDocs).toBe(0)
  })
})
