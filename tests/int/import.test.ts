import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { login } from './helpers/api'
import { asSystem, createPlan, createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { postImport } from './helpers/import-api'
import { freshPayload, ownerPool } from './helpers/payload'

const csv = (...lines: string[]) => lines.join('\n') + '\n'
const q = async (text: string, params: unknown[] = []) => (await ownerPool().query(text, params)).rows
const skus = async (tenant: Tenant) => (await q(`select sku from products where tenant_id = $1 order by sku`, [tenant.id])).map((r) => r.sku)
const errorsOf = (body: { errors: { row: number; column: null | string; code: string }[] }) => body.errors.map((e) => [e.row, e.column, e.code])

const PRODUCTS = csv(
  'Name,SKU,Price,Currency,Stock,Status,Description,Colour',
  'Red shirt,SHIRT-RED,450.00,BDT,10,active,"Soft cotton.\n\nMachine wash.",red', // rows 2–4 (a quoted cell spans 3 lines)
  'Blue shirt,SHIRT-BLUE,abc,BDT,3,active,,blue', // 5: price
  'Bad sku,bad sku!,10,BDT,1,draft,,', // 6: sku (Payload's validation)
  'Live status,SHIRT-GREEN,12.5,USD,1.5,live,,', // 7: stock (read) and status (Payload)
  'Cap,CAP-1,99,,,,,', // 8
)

describe('CSV import of products, customers and leads', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let tokenA: string
  let tokenB: string

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload, { name: 'Import Shop A' })
    shopB = await createTenant(payload, { name: 'Import Shop B' })
    tokenA = await login((await createStaff(payload, shopA, 'tenant-admin')).email, PASSWORD)
    tokenB = await login((await createStaff(payload, shopB, 'tenant-admin')).email, PASSWORD)
  })

  it('a dry run reports row, column and reason of every bad row and imports nothing', async () => {
    const res = await postImport('products', PRODUCTS, { token: tokenA, query: { dryRun: 'true' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ dryRun: true, total: 5, valid: 2, imported: 0, skipped: 0, tenant: { id: shopA.id } })
    expect(errorsOf(res.body)).toEqual([
      [5, 'Price', 'invalid'],
      [6, 'SKU', 'invalid'],
      [7, 'Stock', 'invalid'],
      [7, 'Status', 'invalid'],
    ])
    expect(res.body.errors[0].reason).toMatch(/major units/)
    expect(res.body.errors[1].reason).toMatch(/letters, digits/)
    expect(res.body.warnings).toEqual([expect.objectContaining({ row: 1, column: 'Colour', code: 'unknown_column' })])
    expect(await skus(shopA)).toEqual([])
    expect(await q(`select action from audit_logs where tenant_id = $1 and collection = 'products'`, [shopA.id])).toEqual([])
  })

  it('one bad row stops the whole import unless bad rows are skipped; then only the good rows land', async () => {
    const refused = await postImport('products', PRODUCTS, { token: tokenA, query: { dryRun: 'false' } })
    expect(refused.body).toMatchObject({ dryRun: false, valid: 2, imported: 0, skipped: 0 })
    expect(refused.body.errors).toHaveLength(4)
    expect(await skus(shopA)).toEqual([])

    const res = await postImport('products', PRODUCTS, { token: tokenA, query: { dryRun: 'false', skipBadRows: 'true' } })
    expect(res.body).toMatchObject({ dryRun: false, valid: 2, imported: 2, skipped: 3 })
    const rows = await q(`select sku, price, currency, stock, status, description from products where tenant_id = $1 order by sku`, [shopA.id])
    expect(rows.map((r) => [r.sku, Number(r.price), r.currency, Number(r.stock), r.status])).toEqual([
      ['CAP-1', 9900, 'BDT', 0, 'draft'],
      ['SHIRT-RED', 45000, 'BDT', 10, 'active'],
    ])
    expect(JSON.stringify(rows[1].description)).toContain('Machine wash.')
    const audit = await q(`select action, collection, summary from audit_logs where tenant_id = $1 order by created_at`, [shopA.id])
    expect(audit.filter((a) => a.action === 'create' && a.collection === 'products')).toHaveLength(3)
    expect(audit.map((a) => a.summary)).toContain('import products: 2 rows (3 skipped)')
  })

  it('finds duplicates in the file and against the shop, per tenant (another shop may use the SKU)', async () => {
    await createProduct(payload, shopB, { sku: 'B-ONLY' })
    const file = csv('name,sku,price', 'Again,SHIRT-RED,1', 'New,NEW-1,2', 'New twice,NEW-1,3', "B's sku,B-ONLY,4")
    const res = await postImport('products', file, { token: tokenA, query: { dryRun: 'false' } })
    expect(errorsOf(res.body)).toEqual([
      [2, 'sku', 'duplicate'],
      [4, 'sku', 'duplicate'],
    ])
    expect(res.body.errors[0].reason).toMatch(/already used in this shop/)
    expect(res.body.errors[1].reason).toMatch(/row 3 has the same SKU "NEW-1"/)
    expect(res.body.imported).toBe(0)
    const b = await postImport('products', csv('name,sku,price', 'Red in B,SHIRT-RED,1'), { token: tokenB, query: { dryRun: 'false' } })
    expect(b.body).toMatchObject({ imported: 1, errors: [] })
    expect(await skus(shopB)).toEqual(['B-ONLY', 'SHIRT-RED'])
  })

  it('quotas apply: rows over the plan are quota_exceeded; skipping them imports the rows that fit', async () => {
    const plan = await createPlan(payload, { products: 3, leadsPerMonth: 2 })
    const shop = await createTenant(payload, { plan: plan.id })
    const token = await login((await createStaff(payload, shop, 'tenant-admin')).email, PASSWORD)
    const file = csv('name,sku,price', ...[1, 2, 3, 4, 5].map((n) => `P${n},P-${n},${n}`))
    const dry = await postImport('products', file, { token, query: { dryRun: 'true' } })
    expect(errorsOf(dry.body)).toEqual([
      [5, null, 'quota_exceeded'],
      [6, null, 'quota_exceeded'],
    ])
    expect(dry.body.errors[0].reason).toMatch(/Quota exceeded: .* allows 3 products/)
    expect((await postImport('products', file, { token, query: { dryRun: 'false' } })).body.imported).toBe(0)
    expect(await skus(shop)).toEqual([])
    const res = await postImport('products', file, { token, query: { dryRun: 'false', skipBadRows: 'true' } })
    expect(res.body).toMatchObject({ imported: 3, skipped: 2 })
    expect(await skus(shop)).toEqual(['P-1', 'P-2', 'P-3'])

    const leads = csv('name,phone,status', 'L1,+8801711111111,new', 'L2,+8801711111112,', 'L3,+8801711111113,')
    const leadRes = await postImport('leads', leads, { token, query: { dryRun: 'false', skipBadRows: 'true' } })
    expect(leadRes.body).toMatchObject({ imported: 2, skipped: 1 })
    expect(errorsOf(leadRes.body)).toEqual([[4, null, 'quota_exceeded']])
    const stored = await q(`select source, status from leads where tenant_id = $1`, [shop.id])
    expect(stored).toEqual([
      { source: 'import', status: 'new' },
      { source: 'import', status: 'new' },
    ])
    expect((await q(`select count from usage_counters where tenant_id = $1 and metric = 'leadsPerMonth'`, [shop.id]))[0].count).toBe('2')
  })

  it('imports customers with an address and tags; address errors name their column', async () => {
    const sales = await login((await createStaff(payload, shopA, 'sales-operator')).email, PASSWORD)
    const file = csv(
      'name;phone;email;address line1;address city;tags',
      'Rahim;+8801911111111;RAHIM@example.test;House 1, Road 2;Dhaka;vip, wholesale',
      'Karim;+8801911111112;;;Dhaka;',
      'Nobody;017;not-an-email;;;',
    )
    const res = await postImport('customers', file, { token: sales, query: { dryRun: 'false', skipBadRows: 'true' } })
    expect(errorsOf(res.body)).toEqual([
      [3, 'address line1', 'invalid'],
      [4, 'phone', 'invalid'],
      [4, 'email', 'invalid'],
    ])
    expect(res.body.imported).toBe(1)
    const [customer] = await q(`select id, email from customers where tenant_id = $1`, [shopA.id])
    // The e-mail and address line are stored encrypted with the shop's key (README "Per-tenant keys") and read back as typed.
    expect(customer.email).toMatch(/^v1:tk1:/)
    const [stored] = await q(`select line1, city from customers_addresses where _parent_id = $1`, [customer.id])
    expect(stored).toMatchObject({ line1: expect.stringMatching(/^v1:tk1:/), city: 'Dhaka' })
    const read = await asSystem(() => payload.findByID({ collection: 'customers', id: customer.id, overrideAccess: true, depth: 0 }))
    expect(read.email).toBe('rahim@example.test')
    expect(read.addresses?.map(({ line1, city }) => ({ line1, city }))).toEqual([{ line1: 'House 1, Road 2', city: 'Dhaka' }])
    expect((await q(`select text from customers_texts where parent_id = $1 order by text`, [customer.id])).map((r) => r.text)).toEqual(['vip', 'wholesale'])
  })

  it('checks the role by the permission matrix: support-agent cannot import products, sales-operator not leads', async () => {
    const support = await login((await createStaff(payload, shopA, 'support-agent')).email, PASSWORD)
    const denied = await postImport('products', csv('name,sku,price', 'X,X-1,1'), { token: support, query: { dryRun: 'true' } })
    expect(denied.status).toBe(403)
    expect(denied.body.message).toMatch(/Your role does not allow creating products/)
    const sales = await login((await createStaff(payload, shopA, 'sales-operator')).email, PASSWORD)
    expect((await postImport('leads', csv('name,phone'), { token: sales })).status).toBe(403)
    expect((await postImport('products', csv('name,sku,price', 'X,X-1,1'))).status).toBe(401)
    expect((await postImport('orders', csv('a'), { token: tokenA })).status).toBe(404)
  })

  it("rows land in the caller's shop only: another shop in the tenant column or ?tenant= is refused", async () => {
    const file = csv('tenant,name,sku,price', `${shopB.id},Other,T-1,1`, `${shopB.slug},Other,T-2,1`, `${shopA.slug},Mine,T-3,1`, `,Mine,T-4,1`)
    const res = await postImport('products', file, { token: tokenA, query: { dryRun: 'false', skipBadRows: 'true' } })
    expect(errorsOf(res.body)).toEqual([
      [2, 'tenant', 'forbidden'],
      [3, 'tenant', 'forbidden'],
    ])
    expect(res.body.imported).toBe(2)
    expect((await q(`select tenant_id from products where sku like 'T-%' order by sku`)).map((r) => r.tenant_id)).toEqual([shopA.id, shopA.id])
    const cross = await postImport('products', csv('name,sku,price', 'X,X-1,1'), { token: tokenA, query: { tenant: shopB.id, dryRun: 'false' } })
    expect(cross.status).toBe(403)
    expect(await q(`select 1 from products where sku = 'X-1'`)).toEqual([])
  })

  it('takes multipart uploads, and refuses missing columns, oversized files and too many rows', async () => {
    const multi = await postImport('leads', csv('name,phone', 'Via form,+8801811111111'), { token: tokenA, multipart: true })
    expect(multi.body).toMatchObject({ dryRun: true, valid: 1, imported: 0 })
    const missing = await postImport('products', csv('name,price', 'X,1'), { token: tokenA })
    expect(errorsOf(missing.body)).toEqual([[1, 'sku', 'invalid']])
    expect((await postImport('products', 'name,sku,price\n' + 'x'.repeat(2 * 1024 * 1024), { token: tokenA })).status).toBe(413)
    const many = await postImport('leads', csv('name,phone', ...Array.from({ length: 5001 }, (_, i) => `L,+88017${String(i).padStart(8, '0')}`)), { token: tokenA })
    expect(many.status).toBe(400)
    expect(many.body.message).toMatch(/more than 5000 rows/)
    expect((await postImport('products', 'name,sku\n"unterminated', { token: tokenA })).status).toBe(400)
  })
})
