import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'

import type { Tenant } from '../../payload-types'
import { getKeyring } from '../../src/crypto'
import { encryptExistingRows } from '../../src/tenancy/encrypt-existing'
import { rewrapTenantKeys } from '../../src/tenancy/rotate-tenant-keys'
import { decryptForTenant, isTenantCiphertext, tenantKeyOf } from '../../src/crypto/tenant-keys/tenant-cipher'
import { forgetTenantKey } from '../../src/tenancy/tenant-keys'
import { unwrapDataKey } from '../../src/crypto/tenant-keys/wrap-key'
import { purgeTenant } from '../../src/tenancy/purge-tenant'
import { asRole } from './helpers/as-role'
import { api, graphql, login } from './helpers/api'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'

const owner = () => ownerPool()
const system = { overrideAccess: true } as const

const keyRow = async (tenantId: string) => (await owner().query('select wrapped_key, wrapping_key_id from tenant_keys where tenant_id = $1', [tenantId])).rows[0]
const customerRow = async (id: string) => (await owner().query('select phone, email, notes, phone_index, email_index, updated_at from customers where id = $1', [id])).rows[0]
const addressRows = async (id: string) => (await owner().query('select line1, line2, city from customers_addresses where _parent_id = $1', [id])).rows

describe('per-tenant data keys (REQ-MT-B009 phase 5)', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let request: pg.Pool
  const createCustomer = (tenant: Tenant, phone: string, extra: Record<string, unknown> = {}) =>
    asSystem(() =>
      payload.create({
        collection: 'customers',
        data: { tenant: tenant.id, name: 'Rahim', phone, email: 'Rahim@Example.com', notes: 'Prefers evening calls', addresses: [{ line1: '12 Road 5', line2: 'Flat 3B', city: 'Dhaka' }], ...extra },
        ...system,
      }),
    )

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload)
    shopB = await createTenant(payload)
    request = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 })
  })
  afterAll(async () => {
    await request.end()
  })

  it('round-trips: the API reads plaintext, the database holds v1:tk1 ciphertext and blind indexes', async () => {
    const created = await createCustomer(shopA, '+8801711000001')
    expect(created).toMatchObject({ notes: 'Prefers evening calls', addresses: [{ line1: '12 Road 5', line2: 'Flat 3B', city: 'Dhaka' }] })
    expect(created).not.toHaveProperty('phoneIndex')
    const read = await asSystem(() => payload.findByID({ collection: 'customers', id: created.id, ...system }))
    expect(read.notes).toBe('Prefers evening calls')
    expect(read).toMatchObject({ phone: '+8801711000001', email: 'Rahim@Example.com' })
    const row = await customerRow(created.id)
    expect(row.notes).toMatch(/^v1:tk1:/)
    expect(isTenantCiphertext(row.phone) && isTenantCiphertext(row.email)).toBe(true)
    expect(row.notes).not.toContain('evening')
    expect(row.phone_index).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const [address] = await addressRows(created.id)
    expect(isTenantCiphertext(address.line1) && isTenantCiphertext(address.line2)).toBe(true)
    expect(address.city).toBe('Dhaka')
    const key = await keyRow(shopA.id)
    expect(key.wrapping_key_id).toBe(getKeyring().activeKeyId)
  })

  it('staff read and update plaintext over REST (no blind index in the answer); another shop gets 404', async () => {
    const c = await createCustomer(shopA, '+8801711000060')
    const tokenA = await login((await createStaff(payload, shopA, 'tenant-admin')).email, PASSWORD)
    const tokenB = await login((await createStaff(payload, shopB, 'tenant-admin')).email, PASSWORD)
    const read = await api('GET', `/customers/${c.id}`, { token: tokenA })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ notes: 'Prefers evening calls', addresses: [{ line1: '12 Road 5' }] })
    expect(read.body).not.toHaveProperty('phoneIndex')
    const patched = await api('PATCH', `/customers/${c.id}`, { token: tokenA, body: { notes: 'Ring twice' } })
    expect(patched.status).toBe(200)
    expect(patched.body.doc).toMatchObject({ notes: 'Ring twice', addresses: [{ line1: '12 Road 5' }] })
    expect(isTenantCiphertext((await customerRow(c.id)).notes)).toBe(true)
    expect((await addressRows(c.id))[0].line1).toMatch(/^v1:tk1:/)
    expect((await api('GET', `/customers/${c.id}`, { token: tokenB })).status).toBe(404)
    expect(isTenantCiphertext((await customerRow(c.id)).phone)).toBe(true)
    const filtered = await api('GET', `/customers?where[phone][equals]=${encodeURIComponent('+8801711000060')}&depth=0`, { token: tokenA })
    expect(filtered.status).toBe(200)
    expect(filtered.body.docs.map((d: { id: string }) => d.id)).toEqual([c.id])
    expect((await api('GET', `/customers?where[phone][equals]=${encodeURIComponent('+8801711000060')}`, { token: tokenB })).body.docs).toEqual([])
  })

  it('staff filter encrypted phone and e-mail exactly over REST and GraphQL, only in their own shop; partial matches are a coded 400', async () => {
    const mine = await createCustomer(shopA, '+8801711000070', { email: 'Nila@Example.com' })
    const other = await createCustomer(shopA, '+8801711000071', { email: 'second@example.com' })
    const foreign = await createCustomer(shopB, '+8801711000070', { email: 'nila@example.com' })
    const staffA = await createStaff(payload, shopA, 'tenant-admin')
    const staffB = await createStaff(payload, shopB, 'tenant-admin')
    const tokenA = await login(staffA.email, PASSWORD)
    const tokenB = await login(staffB.email, PASSWORD)
    const ids = async (query: string, token: string) => {
      const res = await api('GET', `/customers?${query}&depth=0&limit=100`, { token })
      expect(res.status).toBe(200)
      return (res.body.docs as { id: string }[]).map((d) => d.id).sort()
    }
    const phone = encodeURIComponent('+8801711000070')
    expect(await ids(`where[phone][equals]=${phone}`, tokenA)).toEqual([mine.id])
    expect(await ids(`where[phone][equals]=${phone}`, tokenB)).toEqual([foreign.id])
    // E-mail compares case-insensitively, like the index; `in` takes a list.
    expect(await ids(`where[email][equals]=nila%40example.com`, tokenA)).toEqual([mine.id])
    expect(await ids(`where[phone][in]=${phone},${encodeURIComponent('+8801711000071')}`, tokenA)).toEqual([mine.id, other.id].sort())
    // A negation keeps every other customer of the shop, and none of another's.
    const notMine = await ids(`where[phone][not_equals]=${phone}`, tokenA)
    expect(notMine).toContain(other.id)
    expect(notMine).not.toContain(mine.id)
    expect(notMine).not.toContain(foreign.id)
    // Naming the other shop in the where does not reach it.
    expect(await ids(`where[and][0][tenant][equals]=${shopB.id}&where[and][1][phone][equals]=${phone}`, tokenA)).toEqual([])
    // The Local API as each shop's staff (access applied): the same answers.
    for (const [user, expected] of [
      [staffA, mine.id],
      [staffB, foreign.id],
    ] as const) {
      const local = await payload.find({ collection: 'customers', where: { phone: { equals: '+8801711000070' } }, overrideAccess: false, user: { ...user, collection: 'users' }, depth: 0 })
      expect(local.docs.map((d) => d.id)).toEqual([expected])
    }
    const partial = await api('GET', `/customers?where[phone][like]=0170`, { token: tokenA })
    expect(partial.status).toBe(400)
    expect(partial.body).toMatchObject({ error: 'invalid_query', errors: [{ path: 'where.phone.like' }] })
    const gql = await graphql<{ Customers: { docs: { id: string; phone: string }[] } }>(
      `
        {
          Customers(where: { phone: { equals: "+8801711000070" } }) {
            docs {
              id
              phone
            }
          }
        }
      `,
      { token: tokenA },
    )
    expect(gql.body.errors).toBeUndefined()
    expect(gql.body.data?.Customers.docs).toEqual([{ id: mine.id, phone: '+8801711000070' }])
    const gqlPartial = await graphql(
      `
        {
          Customers(where: { phone: { contains: "0170" } }) {
            docs {
              id
            }
          }
        }
      `,
      { token: tokenA },
    )
    expect(gqlPartial.body.errors?.[0]?.extensions).toMatchObject({ code: 'invalid_query' })
  })

  it('leads keep phone and e-mail encrypted; a second lead with the same phone in the shop is a 409 naming the phone', async () => {
    const tokenA = await login((await createStaff(payload, shopA, 'tenant-admin')).email, PASSWORD)
    const lead = await api('POST', '/leads', { token: tokenA, body: { tenant: shopA.id, name: 'Lead', phone: '+8801711000080', email: 'lead@example.com' } })
    expect(lead.status).toBe(201)
    const [row] = (await owner().query('select phone, email, phone_index from leads where id = $1', [lead.body.doc.id])).rows
    expect(isTenantCiphertext(row.phone) && isTenantCiphertext(row.email)).toBe(true)
    expect(row.phone_index).not.toBeNull()
    const again = await api('POST', '/leads', { token: tokenA, body: { tenant: shopA.id, name: 'Lead again', phone: '+8801711000080' } })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ error: 'duplicate', errors: [{ path: 'phone' }] })
  })

  it('validates the plaintext (maxLength), not the ciphertext', async () => {
    await expect(createCustomer(shopA, '+8801711000002', { addresses: [{ line1: 'x'.repeat(201), city: 'Dhaka' }] })).rejects.toThrow()
    const ok = await createCustomer(shopA, '+8801711000003', { addresses: [{ line1: 'x'.repeat(200), city: 'Dhaka' }] })
    expect(ok.addresses?.[0]?.line1).toHaveLength(200)
  })

  it('blind index: same value, same index within a tenant (normalised e-mail); differs across tenants; unique per tenant', async () => {
    const a = await createCustomer(shopA, '+8801711000010', { email: 'Same@Example.COM' })
    const a2 = await createCustomer(shopA, '+8801711000011', { email: 'same@example.com' })
    const b = await createCustomer(shopB, '+8801711000010')
    const [ra, ra2, rb] = await Promise.all([customerRow(a.id), customerRow(a2.id), customerRow(b.id)])
    expect(ra.email_index).toBe(ra2.email_index)
    expect(ra.phone_index).not.toBe(rb.phone_index)
    const found = await asSystem(() => payload.find({ collection: 'customers', where: { and: [{ tenant: { equals: shopA.id } }, { phone: { equals: '+8801711000010' } }] }, ...system }))
    expect(found.docs.map((d) => d.id)).toEqual([a.id])
    // Lookups go through the index: a row whose index matches is found even when the stored value differs…
    await owner().query('update customers set email = $1 where id = $2', ['other@example.com', a2.id])
    const byIndex = await asSystem(() => payload.find({ collection: 'customers', where: { and: [{ tenant: { equals: shopA.id } }, { email: { equals: 'same@example.com' } }] }, sort: 'createdAt', ...system }))
    expect(byIndex.docs.map((d) => d.id)).toEqual([a.id, a2.id])
    // …and a row not indexed yet (written before blind indexes) by its value.
    await owner().query('update customers set email_index = null where id = $1', [a2.id])
    const legacy = await asSystem(() => payload.count({ collection: 'customers', where: { and: [{ tenant: { equals: shopA.id } }, { email: { equals: 'other@example.com' } }] }, ...system }))
    expect(legacy.totalDocs).toBe(1)
    await expect(
      owner()
        .query('update customers set phone = $1 where id = $2', ['+8801711000099', a2.id])
        .then(() => owner().query('update customers set phone_index = $1 where id = $2', [ra.phone_index, a2.id])),
    ).rejects.toThrow(/duplicate key|unique/)
  })

  it("another tenant's context cannot read the key row, and its key cannot decrypt the data", async () => {
    const c = await createCustomer(shopB, '+8801711000020')
    const seen = await asRole(request, { tenants: [shopA.id] }, 'select tenant_id from tenant_keys')
    expect(seen.rows.map((r) => r.tenant_id)).toEqual([shopA.id])
    const own = await asRole(request, { tenants: [shopB.id] }, 'select tenant_id from tenant_keys where tenant_id = $1', [shopB.id])
    expect(own.rowCount).toBe(1)
    await expect(asRole(request, { tenants: [shopA.id] }, `insert into tenant_keys (tenant_id, wrapped_key, wrapping_key_id) values ('00000000-0000-4000-8000-000000000001', 'x', 'x')`)).rejects.toThrow(
      /row-level security/,
    )
    const keyA = tenantKeyOf(shopA.id, unwrapDataKey((await keyRow(shopA.id)).wrapped_key))
    const stored = (await customerRow(c.id)).notes as string
    expect(() => decryptForTenant(keyA, stored)).toThrow()
  })

  it('rotation re-wraps tenant keys with the new active key; data rows are not rewritten and still read', async () => {
    const c = await createCustomer(shopA, '+8801711000030')
    const before = await customerRow(c.id)
    const env = { ...process.env }
    const current = getKeyring()
    const oldEntries = [...current.keys].map(([id, key]) => `${id}:${key.toString('base64')}`)
    const both = [`k2:${randomBytes(32).toString('base64')}`, ...oldEntries].join(',')
    process.env.SECRETS_KEYS = both
    process.env.SECRETS_ACTIVE_KEY = 'k2'
    try {
      expect(await rewrapTenantKeys(payload)).toBe(2)
      expect(await rewrapTenantKeys(payload)).toBe(0)
      expect((await keyRow(shopA.id)).wrapping_key_id).toBe('k2')
      expect(await customerRow(c.id)).toEqual(before)
      forgetTenantKey(null)
      const read = await asSystem(() => payload.findByID({ collection: 'customers', id: c.id, ...system }))
      expect(read.notes).toBe('Prefers evening calls')
    } finally {
      // Back onto the original key, so the rest of the file runs with the environment's ring.
      await rewrapTenantKeys(payload, getKeyring({ ...env, SECRETS_KEYS: both, SECRETS_ACTIVE_KEY: current.activeKeyId }))
      process.env.SECRETS_KEYS = env.SECRETS_KEYS
      process.env.SECRETS_ACTIVE_KEY = env.SECRETS_ACTIVE_KEY
      if (env.SECRETS_KEYS === undefined) delete process.env.SECRETS_KEYS
      if (env.SECRETS_ACTIVE_KEY === undefined) delete process.env.SECRETS_ACTIVE_KEY
      forgetTenantKey(null)
    }
  })

  it('moves plaintext rows written before tenant keys onto them, idempotently', async () => {
    const c = await createCustomer(shopA, '+8801711000040')
    await owner().query(`update customers set notes = 'legacy note', phone = '+8801711000041', email = 'old@example.com', phone_index = null, email_index = null where id = $1`, [c.id])
    await owner().query(`update customers_addresses set line1 = 'Old Road 1' where _parent_id = $1`, [c.id])
    const legacy = await asSystem(() => payload.findByID({ collection: 'customers', id: c.id, ...system }))
    expect(legacy).toMatchObject({ notes: 'legacy note', addresses: [{ line1: 'Old Road 1' }] })
    const moved = await encryptExistingRows(payload)
    expect(moved.customers).toBeGreaterThanOrEqual(1)
    expect(moved.customers_addresses).toBeGreaterThanOrEqual(1)
    expect(await encryptExistingRows(payload)).toEqual({ customers: 0, customers_addresses: 0, leads: 0 })
    const row = await customerRow(c.id)
    expect(isTenantCiphertext(row.notes) && isTenantCiphertext(row.phone) && isTenantCiphertext(row.email)).toBe(true)
    expect(row.phone_index).not.toBeNull()
    const read = await asSystem(() => payload.findByID({ collection: 'customers', id: c.id, ...system }))
    expect(read).toMatchObject({ notes: 'legacy note', phone: '+8801711000041', email: 'old@example.com', addresses: [{ line1: 'Old Road 1' }] })
    // The index was computed from the plaintext: the moved row is found by its phone.
    const found = await asSystem(() => payload.find({ collection: 'customers', where: { and: [{ tenant: { equals: shopA.id } }, { phone: { equals: '+8801711000041' } }] }, ...system }))
    expect(found.docs.map((d) => d.id)).toEqual([c.id])
  })

  it("purge destroys the tenant's key first: ciphertexts copied out before (a backup) no longer decrypt", async () => {
    const doomed = await createTenant(payload)
    const c = await createCustomer(doomed, '+8801711000050')
    const backup = await customerRow(c.id)
    const backupAddresses = await addressRows(c.id)
    const wrappedBefore = (await keyRow(doomed.id)).wrapped_key as string
    await asSystem(() => payload.update({ collection: 'tenants', id: doomed.id, data: { deletedAt: new Date().toISOString() }, ...system }))
    const deleted = await purgeTenant(payload, doomed.id)
    expect(deleted.tenant_keys).toBe(1)
    expect(await keyRow(doomed.id)).toBeUndefined()
    // Without the wrapped key nothing recovers the data key; a fresh key for the same id decrypts nothing.
    const anyOther = tenantKeyOf(doomed.id, randomBytes(32))
    for (const stored of [backup.notes, backupAddresses[0].line1]) expect(() => decryptForTenant(anyOther, stored)).toThrow()
    // The old wrapped key is gone from the database; only someone holding both it and the platform key could decrypt.
    expect(typeof wrappedBefore).toBe('string')
  })
})
