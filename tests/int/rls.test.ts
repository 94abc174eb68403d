import type { Payload } from 'payload'
import { extractID } from 'payload/shared'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { Customer, Product, Tenant, User } from '../../payload-types'
import { onDatabaseBypass, type BypassRecord } from '../../src/db/rls/bypass'
import { activeDbContext } from '../../src/db/rls/context'
import { contextPoolClass } from '../../src/db/rls/pool'
import { resolveDatabase } from '../../src/db/resolve-database'
import { checkBackstop } from '../../src/db/roles'
import { dbContextFor } from '../../src/tenancy/db-context'
import { runAsSystem, runWithTenant } from '../../src/tenancy/request-context'
import { api, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'
import { PNG } from './helpers/samples'

/**
 * The database backstop on its own: with the application's checks skipped (overrideAccess: true,
 * raw SQL through the app's pool), PostgreSQL itself keeps each tenant's rows to that tenant.
 */
let payload: Payload
let shopA: Tenant
let shopB: Tenant
let productA: Product
let productB: Product
let customerB: Customer

const inA = <T>(fn: () => Promise<T>) => runWithTenant({ tenantId: shopA.id, via: 'job' }, fn)
const inB = <T>(fn: () => Promise<T>) => runWithTenant({ tenantId: shopB.id, via: 'job' }, fn)
const pool = () => (payload.db as unknown as { pool: pg.Pool }).pool
const tenantsOf = (rows: { tenant_id: string }[]) => [...new Set(rows.map((r) => r.tenant_id))]

beforeAll(async () => {
  payload = await freshPayload()
  shopA = await createTenant(payload)
  shopB = await createTenant(payload)
  productA = await createProduct(payload, shopA, { stock: 7 })
  await createProduct(payload, shopA)
  productB = await createProduct(payload, shopB, { stock: 3 })
  await asSystem(() =>
    payload.create({
      collection: 'customers',
      data: { tenant: shopA.id, name: 'A', phone: '+8801711000001', addresses: [{ line1: 'Road 1', city: 'Dhaka' }] },
      overrideAccess: true,
    }),
  )
  customerB = await asSystem(() =>
    payload.create({
      collection: 'customers',
      data: {
        tenant: shopB.id,
        name: 'B',
        phone: '+8801711000002',
        addresses: [
          { line1: 'Road 2', city: 'Sylhet' },
          { line1: 'Road 3', city: 'Khulna' },
        ],
      },
      overrideAccess: true,
    }),
  )
})

describe('inside tenant A’s context', () => {
  it('a Local API find with overrideAccess: true returns only A’s rows', async () => {
    const { docs } = await inA(() => payload.find({ collection: 'products', overrideAccess: true, depth: 0 }))
    expect(docs.map((p) => extractID(p.tenant!))).toEqual([shopA.id, shopA.id])
    await expect(inA(() => payload.findByID({ collection: 'products', id: productB.id, overrideAccess: true }))).rejects.toThrow('Not Found')
  })

  it('raw SQL through the app’s pool returns only A’s rows, sub-tables included', async () => {
    const products = await inA(() => pool().query('select * from products'))
    expect(products.rowCount).toBe(2)
    expect(tenantsOf(products.rows)).toEqual([shopA.id])
    // customers_addresses has no tenant column: it follows its parent customer.
    const addresses = await inA(() => pool().query('select line1 from customers_addresses'))
    // One row, A's 'Road 1', stored encrypted with A's key (README "Per-tenant keys").
    expect(addresses.rows.map((r) => r.line1)).toEqual([expect.stringMatching(/^v1:tk1:/)])
  })

  it('cannot insert a row of tenant B, nor update or delete B’s rows', async () => {
    await expect(inA(() => pool().query(`insert into products (tenant_id, name, sku, price, currency, stock, status) values ($1, 'Planted', 'PL-1', 1, 'BDT', 1, 'active')`, [shopB.id]))).rejects.toMatchObject({
      code: '42501',
    }) // new row violates row-level security policy
    await expect(
      inA(() =>
        payload.create({
          collection: 'products',
          data: { tenant: shopB.id, name: 'Planted', sku: 'PL-2', price: 1, currency: 'BDT', stock: 1, status: 'active' },
          overrideAccess: true,
        }),
      ),
    ).rejects.toThrow()
    // Moving A's own row into B is refused too (WITH CHECK applies to the new row).
    await expect(inA(() => pool().query('update products set tenant_id = $1 where id = $2', [shopB.id, productA.id]))).rejects.toMatchObject({ code: '42501' })
    const updated = await inA(() => pool().query('update products set stock = 99 where id = $1', [productB.id]))
    const deleted = await inA(() => pool().query('delete from customers_addresses where _parent_id = $1', [customerB.id]))
    expect([updated.rowCount, deleted.rowCount]).toEqual([0, 0])
    await expect(inA(() => payload.update({ collection: 'products', id: productB.id, data: { stock: 98 }, overrideAccess: true }))).rejects.toThrow('Not Found')
    const b = await inB(() => payload.findByID({ collection: 'products', id: productB.id, overrideAccess: true }))
    expect(b.stock).toBe(3)
    const stillTwo = await inB(() => pool().query('select count(*)::int as n from customers_addresses'))
    expect(stillTwo.rows[0].n).toBe(2)
    const { rows } = await ownerPool().query('select count(*)::int as n from products where sku like $1', ['PL-%'])
    expect(rows[0].n).toBe(0)
  })
})

describe('with no context', () => {
  it('sees zero rows and may not write', async () => {
    expect(activeDbContext()).toBeUndefined()
    expect((await pool().query('select * from products')).rowCount).toBe(0)
    expect((await payload.find({ collection: 'products', overrideAccess: true })).totalDocs).toBe(0)
    await expect(pool().query(`insert into products (tenant_id, name, sku, price, currency, stock, status) values ($1, 'Orphan', 'OR-1', 1, 'BDT', 1, 'active')`, [shopA.id])).rejects.toMatchObject({
      code: '42501',
    })
    expect((await ownerPool().query('select count(*)::int as n from products')).rows[0].n).toBe(3)
  })
})

describe('a connection reused by tenants A, B, A (pool of size 1)', () => {
  const Pool = contextPoolClass({ currentContext: () => activeDbContext() ?? dbContextFor() })
  const single = new Pool({ connectionString: inject('databaseUrl'), max: 1 })
  afterAll(() => single.end())

  it('never shows the previous tenant’s rows, on the very same backend', async () => {
    const seen: { pid: number; tenants: string[] }[] = []
    const look = async () => {
      const { rows } = await single.query('select tenant_id from products')
      const backend = await single.query('select pg_backend_pid() as pid')
      seen.push({ pid: backend.rows[0].pid, tenants: tenantsOf(rows) })
    }
    await inA(look)
    await inB(look)
    await inA(look)
    await look() // and then nobody's
    expect(seen.map((s) => s.tenants)).toEqual([[shopA.id], [shopB.id], [shopA.id], []])
    expect(new Set(seen.map((s) => s.pid)).size).toBe(1)
  })

  it('does not keep a transaction’s tenant after it ends', async () => {
    const client = await inA(() => single.connect())
    try {
      await client.query('begin')
      await client.query(`select set_config('app.tenant_ids', $1, true)`, [`{${shopB.id}}`])
      expect(tenantsOf((await client.query('select tenant_id from products')).rows)).toEqual([shopB.id])
      await client.query('commit')
      expect(tenantsOf((await client.query('select tenant_id from products')).rows)).toEqual([shopA.id])
    } finally {
      client.release()
    }
  })
})

describe('a forgotten overrideAccess: false', () => {
  it('still shows staff only their own tenant', async () => {
    const staffA = await createStaff(payload, shopA, 'sales-operator')
    const { docs } = await payload.find({ collection: 'products', overrideAccess: true, user: staffA })
    expect(new Set(docs.map((p) => extractID(p.tenant!)))).toEqual(new Set([shopA.id]))
    await expect(payload.findByID({ collection: 'products', id: productB.id, overrideAccess: true, user: staffA })).rejects.toThrow('Not Found')
  })
})

describe('uploads', () => {
  it('two tenants may upload a file of the same name (the filename check cannot see the other tenant)', async () => {
    const upload = async (shop: Tenant) => {
      const token = await login((await createStaff(payload, shop, 'tenant-admin')).email, PASSWORD)
      const form = new FormData()
      form.append('file', new Blob([PNG], { type: 'image/png' }), 'logo.png')
      form.append('_payload', JSON.stringify({ alt: 'Logo' }))
      return api('POST', '/media', { token, body: form })
    }
    const a = await upload(shopA)
    const b = await upload(shopB)
    expect([a.status, b.status]).toEqual([201, 201])
    // Files share one directory, so the second is renamed rather than overwriting the first.
    expect(a.body.doc.filename).toBe('logo.png')
    expect(b.body.doc.filename).not.toBe('logo.png')
  })
})

describe('the bypass', () => {
  let superAdmin: User
  const records: BypassRecord[] = []
  let stop: () => void
  beforeAll(async () => {
    superAdmin = await createSuperAdmin(payload)
    stop = onDatabaseBypass((record) => records.push(record))
  })
  afterAll(() => stop())

  it('lets system work see every tenant, and records it', async () => {
    records.length = 0
    const { rows } = await runAsSystem('rls test', () => pool().query('select tenant_id from products'))
    expect(new Set(tenantsOf(rows))).toEqual(new Set([shopA.id, shopB.id]))
    expect(records).toEqual([{ reason: 'rls test', kind: 'system' }])
  })

  it('lets the super-admin see every tenant over REST, recorded once per request', async () => {
    const token = await login(superAdmin.email, PASSWORD)
    records.length = 0
    const res = await api('GET', '/products?depth=0&limit=100', { token })
    expect(res.status).toBe(200)
    expect(new Set(res.body.docs.map((p: Product) => extractID(p.tenant!)))).toEqual(new Set([shopA.id, shopB.id]))
    // Once for the request (the audit log's own write of that read is system work, recorded apart).
    const requests = records.filter((r) => r.kind === 'super-admin')
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ kind: 'super-admin', email: superAdmin.email, method: 'GET', path: '/api/products' })
  })

  it('is announced loudly when migrations and requests would share one role', async () => {
    const warnings: string[] = []
    const saved = process.env.DATABASE_MIGRATE_URL
    try {
      delete process.env.DATABASE_MIGRATE_URL
      await resolveDatabase(
        () => undefined,
        (text) => warnings.push(text),
      )
      expect(warnings.join('')).toContain('DATABASE BACKSTOP IS OFF')
      warnings.length = 0
      process.env.DATABASE_MIGRATE_URL = inject('ownerDatabaseUrl')
      const resolved = await resolveDatabase(
        () => undefined,
        (text) => warnings.push(text),
      )
      expect(warnings).toEqual([])
      expect(resolved).toMatchObject({ url: inject('databaseUrl'), migrateUrl: inject('ownerDatabaseUrl'), embedded: null })
    } finally {
      if (saved === undefined) delete process.env.DATABASE_MIGRATE_URL
      else process.env.DATABASE_MIGRATE_URL = saved
    }
  })

  it('is never given to staff: the app connects as a role that RLS holds', async () => {
    expect(await checkBackstop((text) => pool().query(text))).toEqual([])
    const { rows } = await pool().query('select current_user as role')
    expect(rows[0].role).toBe('emerkater_app')
    const problems = await checkBackstop((text) => ownerPool().query(text))
    expect(problems.join('\n')).toMatch(/superuser/)
  })
})
