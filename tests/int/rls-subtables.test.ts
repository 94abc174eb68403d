import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { Customer, Media, Order, Product, Tenant } from '../../payload-types'
import { SET_CONTEXT_SQL } from '../../src/db/rls/context'
import { asSystem, createProduct, createTenant } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'
import { PNG } from './helpers/samples'
import { asRole, type RoleContext } from './helpers/as-role'

/**
 * Sub-tables (`products_rels`, `orders_items`, …) carry their parent's tenant, set by a trigger
 * from the parent row (migrations/20261202_100000_rls_subtable_tenant.ts), and the direct policy
 * reads it. Raw SQL as the request role with tenant A's context tries to break that: a forged
 * tenant, another tenant's parent, moving a row, reading B's rows.
 */
let payload: Payload
let shopA: Tenant
let shopB: Tenant
let mediaA: Media
let productA: Product
let productB: Product
let orderA: Order
let orderB: Order
const requestRole = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 })
const platformRole = new pg.Pool({ connectionString: inject('platformDatabaseUrl'), max: 1 })

type Context = RoleContext

const inA = (): Context => ({ tenants: [shopA.id] })
const errorOf = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: { code?: string; message?: string }) => error.code ?? error.message ?? 'error',
  )

const mediaOf = (tenant: Tenant, name: string) =>
  asSystem(() =>
    payload.create({ collection: 'media', data: { tenant: tenant.id, alt: name }, file: { data: PNG, mimetype: 'image/png', name: `${name}-${Date.now()}.png`, size: PNG.length }, overrideAccess: true }),
  )

async function orderOf(tenant: Tenant, product: Product): Promise<Order> {
  const customer: Customer = await asSystem(() => payload.create({ collection: 'customers', data: { tenant: tenant.id, name: 'C', phone: `+88017${String(Date.now()).slice(-8)}` }, overrideAccess: true }))
  return asSystem(() => payload.create({ collection: 'orders', data: { tenant: tenant.id, customer: customer.id, items: [{ product: product.id, quantity: 1 }] } as never, overrideAccess: true }))
}

beforeAll(async () => {
  payload = await freshPayload()
  shopA = await createTenant(payload)
  shopB = await createTenant(payload)
  mediaA = await mediaOf(shopA, 'a')
  const mediaB = await mediaOf(shopB, 'b')
  productA = await createProduct(payload, shopA, { images: [mediaA.id] })
  productB = await createProduct(payload, shopB, { images: [mediaB.id] })
  orderA = await orderOf(shopA, productA)
  orderB = await orderOf(shopB, productB)
})
afterAll(async () => {
  await requestRole.end()
  await platformRole.end()
})

describe("Payload's own writes", () => {
  it("give every sub-table row its parent's tenant", async () => {
    const rels = await ownerPool().query('select parent_id, tenant_id from products_rels where parent_id = any ($1::uuid[]) order by tenant_id = $2 desc', [[productA.id, productB.id], shopA.id])
    expect(rels.rows).toEqual([
      { parent_id: productA.id, tenant_id: shopA.id },
      { parent_id: productB.id, tenant_id: shopB.id },
    ])
    const items = await ownerPool().query('select _parent_id, tenant_id from orders_items where _parent_id = any ($1::uuid[]) order by tenant_id = $2 desc', [[orderA.id, orderB.id], shopA.id])
    expect(items.rows).toEqual([
      { _parent_id: orderA.id, tenant_id: shopA.id },
      { _parent_id: orderB.id, tenant_id: shopB.id },
    ])
  })
})

describe("the request role with tenant A's context", () => {
  it("reads none of B's sub-table rows, even by B's parent id", async () => {
    const rels = await asRole(requestRole, inA(), 'select parent_id from products_rels')
    expect(rels.rows.map((r) => r.parent_id)).toEqual([productA.id])
    expect((await asRole(requestRole, inA(), 'select count(*)::int as n from products_rels where parent_id = $1', [productB.id])).rows[0].n).toBe(0)
    expect((await asRole(requestRole, inA(), 'select count(*)::int as n from orders_items where _parent_id = $1', [orderB.id])).rows[0].n).toBe(0)
    expect((await asRole(requestRole, inA(), 'select _parent_id from orders_items')).rows.map((r) => r._parent_id)).toEqual([orderA.id])
  })

  it("cannot attach a row to B's parent, whatever tenant it claims", async () => {
    const forged = [
      [`insert into products_rels ("order", parent_id, path, media_id, tenant_id) values (9, $1, 'images', $2, $3)`, [productB.id, mediaA.id, shopA.id]],
      [`insert into products_rels ("order", parent_id, path, media_id, tenant_id) values (9, $1, 'images', $2, $3)`, [productB.id, mediaA.id, shopB.id]],
      [`insert into products_rels ("order", parent_id, path, media_id) values (9, $1, 'images', $2)`, [productB.id, mediaA.id]],
      [`insert into orders_items (_order, _parent_id, id, product_id, quantity, tenant_id) values (9, $1, 'forged', $2, 1, $3)`, [orderB.id, productA.id, shopA.id]],
    ] as const
    for (const [text, values] of forged) expect(await errorOf(asRole(requestRole, inA(), text, [...values])), text).toBe('42501')
    // Nor move its own row under B's parent, nor relabel it as B's.
    expect(await errorOf(asRole(requestRole, inA(), 'update products_rels set parent_id = $1 where parent_id = $2', [productB.id, productA.id]))).toBe('42501')
    expect(await errorOf(asRole(requestRole, inA(), 'update orders_items set _parent_id = $1 where _parent_id = $2', [orderB.id, orderA.id]))).toBe('42501')
    // A supplied tenant is overwritten by the parent's: relabelling is a no-op, not a move.
    const relabelled = await asRole(requestRole, inA(), 'update products_rels set tenant_id = $1 where parent_id = $2 returning tenant_id', [shopB.id, productA.id])
    expect(relabelled.rows).toEqual([{ tenant_id: shopA.id }])
    const { rows } = await ownerPool().query('select count(*)::int as n from products_rels where parent_id = $1', [productB.id])
    expect(rows[0].n).toBe(1)
  })

  it('with its own parent gets its tenant filled in, even when it claims another', async () => {
    const inserted = await asRole(requestRole, inA(), `insert into products_rels ("order", parent_id, path, media_id, tenant_id) values (9, $1, 'images', $2, $3) returning tenant_id`, [
      productA.id,
      mediaA.id,
      shopB.id,
    ])
    expect(inserted.rows).toEqual([{ tenant_id: shopA.id }])
    const item = await asRole(requestRole, inA(), `insert into orders_items (_order, _parent_id, id, product_id, quantity) values (9, $1, 'own', $2, 1) returning tenant_id`, [orderA.id, productA.id])
    expect(item.rows).toEqual([{ tenant_id: shopA.id }])
  })

  it('with no context writes nothing, even naming the tenant', async () => {
    expect(await errorOf(asRole(requestRole, {}, `insert into products_rels ("order", parent_id, path, media_id, tenant_id) values (9, $1, 'images', $2, $3)`, [productA.id, mediaA.id, shopA.id]))).toBe('42501')
  })
})

describe('the platform', () => {
  it('moving a parent to another tenant moves its sub-table rows with it (they never disagree)', async () => {
    const client = await platformRole.connect()
    try {
      await client.query('begin')
      await client.query(SET_CONTEXT_SQL(true), ['{}', 'on', '', '{}'])
      await client.query('update products set tenant_id = $1 where id = $2', [shopB.id, productA.id])
      const { rows } = await client.query('select tenant_id from products_rels where parent_id = $1', [productA.id])
      expect(rows.map((r) => r.tenant_id)).toEqual([shopB.id])
    } finally {
      await client.query('rollback')
      client.release()
    }
  })
})
