import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Product, Tenant, User } from '../../payload-types'
import { api, graphql, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/** Staff of tenant B try to read and write tenant A's products over every path. */
describe('products are isolated per tenant', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let staffA: User
  let staffB: User
  let tokenB: string
  let productA: Product
  let productB: Product

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload)
    shopB = await createTenant(payload)
    staffA = await createStaff(payload, shopA, 'sales-operator')
    staffB = await createStaff(payload, shopB, 'tenant-admin')
    productA = await createProduct(payload, shopA, { name: 'A secret product' })
    await createProduct(payload, shopA)
    productB = await createProduct(payload, shopB)
    tokenB = await login(staffB.email, PASSWORD)
  })

  describe('Local API (overrideAccess: false, as the user)', () => {
    it('lists only the caller’s tenant', async () => {
      const asA = await payload.find({ collection: 'products', overrideAccess: false, user: staffA })
      expect(asA.docs.map((p) => p.id).sort()).toHaveLength(2)
      expect(asA.docs.every((p) => (typeof p.tenant === 'object' ? p.tenant?.id : p.tenant) === shopA.id)).toBe(true)
      const asB = await payload.find({ collection: 'products', overrideAccess: false, user: staffB })
      expect(asB.docs.map((p) => p.id)).toEqual([productB.id])
    })

    it('refuses another tenant’s product by id', async () => {
      await expect(payload.findByID({ collection: 'products', id: productA.id, overrideAccess: false, user: staffB })).rejects.toThrow()
    })

    it('refuses to update or delete another tenant’s product', async () => {
      await expect(payload.update({ collection: 'products', id: productA.id, data: { price: 1 }, overrideAccess: false, user: staffB })).rejects.toThrow()
      await expect(payload.delete({ collection: 'products', id: productA.id, overrideAccess: false, user: staffB })).rejects.toThrow()
      const untouched = await asSystem(() => payload.findByID({ collection: 'products', id: productA.id, overrideAccess: true }))
      expect(untouched.price).toBe(productA.price)
    })

    it('refuses to create a product inside another tenant', async () => {
      await expect(
        payload.create({
          collection: 'products',
          data: { name: 'Planted', sku: 'PLANT-1', price: 1, currency: 'BDT', stock: 1, status: 'active', tenant: shopA.id },
          overrideAccess: false,
          user: staffB,
        }),
      ).rejects.toThrow()
      const planted = await asSystem(() => payload.find({ collection: 'products', where: { sku: { equals: 'PLANT-1' } }, overrideAccess: true }))
      expect(planted.totalDocs).toBe(0)
    })
  })

  describe('REST', () => {
    it('lists only the caller’s tenant', async () => {
      const res = await api('GET', '/products?limit=100', { token: tokenB })
      expect(res.status).toBe(200)
      expect(res.body.docs.map((p: Product) => p.id)).toEqual([productB.id])
    })

    it('answers 404 for another tenant’s product, even when queried by its id', async () => {
      expect((await api('GET', `/products/${productA.id}`, { token: tokenB })).status).toBe(404)
      const where = await api('GET', `/products?where[id][equals]=${productA.id}`, { token: tokenB })
      expect(where.body.totalDocs).toBe(0)
    })

    it('cannot update, delete or create across tenants', async () => {
      const patch = await api('PATCH', `/products/${productA.id}`, { token: tokenB, body: { price: 1 } })
      expect([403, 404]).toContain(patch.status)
      const del = await api('DELETE', `/products/${productA.id}`, { token: tokenB })
      expect([403, 404]).toContain(del.status)
      const create = await api('POST', '/products', {
        token: tokenB,
        body: { name: 'Planted', sku: 'PLANT-2', price: 1, currency: 'BDT', stock: 1, tenant: shopA.id },
      })
      expect(create.status).toBeGreaterThanOrEqual(400)
      const still = await asSystem(() => payload.findByID({ collection: 'products', id: productA.id, overrideAccess: true }))
      expect(still.price).toBe(productA.price)
      expect((await payload.count({ collection: 'products', where: { sku: { equals: 'PLANT-2' } } })).totalDocs).toBe(0)
    })

    it('refuses anonymous callers', async () => {
      const res = await api('GET', '/products')
      expect(res.status).toBe(403)
    })
  })

  describe('GraphQL', () => {
    it('lists only the caller’s tenant and hides another tenant’s product by id', async () => {
      const list = await graphql<{ Products: { docs: { id: string }[] } }>('{ Products(limit: 100) { docs { id } } }', { token: tokenB })
      expect(list.body.data?.Products.docs.map((p) => p.id)).toEqual([productB.id])
      const byId = await graphql(`{ Product(id: "${productA.id}") { id name } }`, { token: tokenB })
      expect(byId.body.data?.Product ?? null).toBeNull()
      expect(JSON.stringify(byId.body)).not.toContain('A secret product')
    })

    it('cannot update another tenant’s product', async () => {
      const res = await graphql(`mutation { updateProduct(id: "${productA.id}", data: { price: 1 }) { id price } }`, { token: tokenB })
      expect(res.body.errors?.length).toBeGreaterThan(0)
      const still = await asSystem(() => payload.findByID({ collection: 'products', id: productA.id, overrideAccess: true }))
      expect(still.price).toBe(productA.price)
    })
  })

  it('lets the super-admin see every tenant’s products', async () => {
    const root = await createSuperAdmin(payload)
    const token = await login(root.email, PASSWORD)
    const res = await api('GET', '/products?limit=100', { token })
    expect(res.body.totalDocs).toBe(3)
  })
})

describe('product rules', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload)
    shopB = await createTenant(payload)
  })

  it('keeps SKUs unique per tenant, not globally', async () => {
    await createProduct(payload, shopA, { sku: 'SHIRT-M' })
    await expect(createProduct(payload, shopB, { sku: 'SHIRT-M' })).resolves.toBeTruthy()
    await expect(createProduct(payload, shopA, { sku: 'SHIRT-M' })).rejects.toThrow()
  })

  it('rejects fractional prices and negative stock with a clear message', async () => {
    const staff = await createStaff(payload, shopA)
    const token = await login(staff.email, PASSWORD)
    const res = await api('POST', '/products', {
      token,
      body: { name: 'Bad', sku: 'BAD-1', price: 12.5, stock: -1, currency: 'BDT', tenant: shopA.id },
    })
    expect(res.status).toBe(400)
    const messages = JSON.stringify(res.body)
    expect(messages).toContain('minor units')
    expect(messages).toContain('stock')
  })

  it('puts a new product in the creator’s only tenant when none is named', async () => {
    const staff = await createStaff(payload, shopB, 'tenant-admin')
    const token = await login(staff.email, PASSWORD)
    const res = await api('POST', '/products', { token, body: { name: 'Ok', sku: 'OK-1', price: 500, stock: 1, currency: 'BDT' } })
    expect(res.status).toBe(201)
    expect(res.body.doc.tenant.id ?? res.body.doc.tenant).toBe(shopB.id)
  })

  it('says which SKU is taken, as a 409 duplicate naming the field', async () => {
    const staff = await createStaff(payload, shopA, 'tenant-admin')
    const token = await login(staff.email, PASSWORD)
    await createProduct(payload, shopA, { sku: 'DUP-1' })
    const res = await api('POST', '/products', { token, body: { name: 'Dup', sku: 'DUP-1', price: 1, stock: 1, currency: 'BDT' } })
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ error: 'duplicate', errors: [{ path: 'sku', message: 'SKU "DUP-1" is already used in this shop; choose another.' }] })
  })

  it('never moves a product to another tenant, not even for the super-admin', async () => {
    const product = await createProduct(payload, shopA)
    const root = await createSuperAdmin(payload)
    const token = await login(root.email, PASSWORD)
    const res = await api('PATCH', `/products/${product.id}`, { token, body: { tenant: shopB.id } })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('cannot be changed')
    const after = await asSystem(() => payload.findByID({ collection: 'products', id: product.id, depth: 0, overrideAccess: true }))
    expect(after.tenant).toBe(shopA.id)
  })

  it('refuses to delete a product that an order uses, and says to archive it', async () => {
    const product = await createProduct(payload, shopA, { stock: 10 })
    const customer = await asSystem(() => payload.create({ collection: 'customers', data: { tenant: shopA.id, name: 'C', phone: '+8801712340000' }, overrideAccess: true }))
    await asSystem(() =>
      payload.create({
        collection: 'orders',
        data: { tenant: shopA.id, customer: customer.id, items: [{ product: product.id, quantity: 1 }], paymentMethod: 'cod', source: 'manual', status: 'pending' },
        overrideAccess: true,
      }),
    )
    const admin = await createStaff(payload, shopA, 'tenant-admin')
    const token = await login(admin.email, PASSWORD)
    const res = await api('DELETE', `/products/${product.id}`, { token })
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('This product is used by 1 order; archive it instead of deleting it.')
    expect((await asSystem(() => payload.count({ collection: 'products', where: { id: { equals: product.id } }, overrideAccess: true }))).totalDocs).toBe(1)
  })
})

describe('staff of several tenants naming one of them', () => {
  it('see and create only in the tenant the X-Tenant header names', async () => {
    const payload = await freshPayload()
    const shopA = await createTenant(payload)
    const shopB = await createTenant(payload)
    const inA = await createProduct(payload, shopA)
    const inB = await createProduct(payload, shopB)
    const both = await createStaff(payload, [shopA, shopB], 'tenant-admin')
    const token = await login(both.email, PASSWORD)

    const all = await api('GET', '/products?limit=50', { token })
    expect(all.body.docs.map((p: Product) => p.id).sort()).toEqual([inA.id, inB.id].sort())
    const onlyA = await api('GET', '/products?limit=50', { token, headers: { 'x-tenant': shopA.slug } })
    expect(onlyA.body.docs.map((p: Product) => p.id)).toEqual([inA.id])
    expect((await api('GET', `/products/${inB.id}`, { token, headers: { 'x-tenant': shopA.slug } })).status).toBe(404)

    const created = await api('POST', '/products', {
      token,
      headers: { 'x-tenant': shopB.slug },
      body: { name: 'Made in B', sku: 'MADE-B', price: 100, stock: 1, currency: 'BDT' },
    })
    expect(created.status).toBe(201)
    expect(created.body.doc.tenant.id ?? created.body.doc.tenant).toBe(shopB.id)
  })
})

describe('a suspended tenant', () => {
  it('is out of reach for its staff even when they belong to another, active tenant', async () => {
    const payload = await freshPayload()
    const active = await createTenant(payload)
    const suspended = await createTenant(payload)
    const inActive = await createProduct(payload, active)
    const inSuspended = await createProduct(payload, suspended)
    const both = await createStaff(payload, [active, suspended], 'tenant-admin')
    const token = await login(both.email, PASSWORD)
    await asSystem(() => payload.update({ collection: 'tenants', id: suspended.id, data: { status: 'suspended', suspendedReason: 'Unpaid invoice' }, overrideAccess: true }))

    const list = await api('GET', '/products?limit=50', { token })
    expect(list.body.docs.map((p: Product) => p.id)).toEqual([inActive.id])
    expect((await api('GET', `/products/${inSuspended.id}`, { token })).status).toBe(404)
    const local = await payload.find({ collection: 'products', overrideAccess: false, user: both })
    expect(local.docs.map((p) => p.id)).toEqual([inActive.id])
  })
})
