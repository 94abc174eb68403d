import fc from 'fast-check'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createLocalReq, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'
import yauzl from 'yauzl'

import type { Tenant, User } from '../../payload-types'
import { checkValue, type CustomFieldDefinition } from '../../plugins/branding'
import { archivePath, buildArchive } from '../../src/export/build-archive'
import { runWithTenant } from '../../src/tenancy/request-context'
import { api, graphql, login } from './helpers/api'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { postImport } from './helpers/import-api'
import { freshPayload, ownerPool } from './helpers/payload'

const q = async (text: string, params: unknown[] = []) => (await ownerPool().query(text, params)).rows
const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort()
const csv = (...lines: string[]) => lines.join('\n') + '\n'
let n = 0
const sku = () => `CF-${Date.now().toString(36)}-${n++}`

/** The product fields every create needs, with custom values. */
const product = (customFields?: unknown) => ({ name: `Custom ${n}`, sku: sku(), price: 1000, currency: 'BDT', stock: 1, status: 'active', ...(customFields === undefined ? {} : { customFields }) })

const unzipEntry = (zip: string, name: string) =>
  new Promise<string>((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (err, archive) => {
      if (err || !archive) return reject(err ?? new Error('no archive'))
      archive.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return archive.readEntry()
        archive.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(error ?? new Error('no stream'))
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
        })
      })
      archive.on('end', () => reject(new Error(`${name} not in the archive`)))
      archive.readEntry()
    })
  })

describe('custom fields per shop', () => {
  let payload: Payload
  let a: { tenant: Tenant; admin: string; adminUser: User; support: string }
  let b: { tenant: Tenant; admin: string }
  let stranger: string

  const define = (token: string, data: Record<string, unknown>) => api('POST', '/custom-field-definitions', { token, body: data })

  beforeAll(async () => {
    payload = await freshPayload()
    const tenantA = await createTenant(payload)
    const adminUser = await createStaff(payload, tenantA, 'tenant-admin')
    a = { tenant: tenantA, adminUser, admin: await login(adminUser.email, PASSWORD), support: await login((await createStaff(payload, tenantA, 'support-agent')).email, PASSWORD) }
    const tenantB = await createTenant(payload)
    b = { tenant: tenantB, admin: await login((await createStaff(payload, tenantB, 'tenant-admin')).email, PASSWORD) }
    // A stranger: signed up a shop of their own a moment ago.
    const signup = await api('POST', '/tenants/signup', {
      body: { shopName: 'Stranger shop', slug: `stranger-${Date.now().toString(36)}`, email: `stranger-${Date.now()}@example.test`, password: 'a-long-password', name: 'Stranger' },
    })
    expect(signup.status, JSON.stringify(signup.body)).toBe(202)
    stranger = await login(signup.body.email, 'a-long-password')

    const defs = [
      { key: 'warranty_months', label: 'Warranty (months)', type: 'number', default: 12, position: 1 },
      { key: 'color', label: 'Colour', type: 'select', required: true, options: [{ value: 'red', label: 'Red' }, { value: 'blue' }], position: 2 },
      { key: 'deposit', label: 'Deposit', type: 'money', position: 3 },
      { key: 'launch', label: 'Launch date', type: 'date', position: 4 },
      { key: 'featured', label: 'Featured', type: 'checkbox', default: false, position: 5 },
      { key: 'manual', label: 'Manual', type: 'url', position: 6 },
      { key: 'code', label: 'Model code', type: 'text', regex: '^[A-Z]{2}-\\d{4}$', maxLength: 7, position: 7 },
    ]
    for (const def of defs) {
      const res = await define(a.admin, { entity: 'products', ...def })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
    // Shop B has its own "size" on products, and a customers field.
    expect((await define(b.admin, { entity: 'products', key: 'size', label: 'Size', type: 'text' })).status).toBe(201)
  })

  describe('definitions', () => {
    it('checks a definition itself, naming each field, and stores nothing bad', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ entity: 'products', key: 'Bad Key', label: 'x', type: 'text' }, ['key']],
        [{ entity: 'products', key: 'size', label: 'x', type: 'select', options: [] }, ['options']],
        [{ entity: 'products', key: 'size', label: 'x', type: 'text', regex: '([a-z' }, ['regex']],
        [{ entity: 'products', key: 'size', label: 'x', type: 'text', regex: '(a+)+$' }, ['regex']],
        [{ entity: 'products', key: 'size', label: 'x', type: 'number', default: 'ten' }, ['default']],
        [{ entity: 'products', key: 'size', label: 'x', type: 'select', options: [{ value: 's' }], default: 'xl' }, ['default']],
        [{ entity: 'products', key: 'size', label: 'x', type: 'number', regex: '^\\d+$' }, ['regex']],
        [{ entity: 'products', key: 'size', label: 'x', type: 'text', maxLength: 0 }, ['maxLength']],
        [{ entity: 'products', key: 'color', label: 'Again', type: 'text' }, ['key']],
      ]
      for (const [data, expected] of cases) {
        const res = await define(a.admin, data)
        expect(res.status, JSON.stringify(data)).toBe(400)
        expect(paths(res.body), JSON.stringify(res.body)).toEqual(expected)
      }
      expect((await q(`select key from custom_field_definitions where tenant_id = $1 and key = 'size'`, [a.tenant.id])).length).toBe(0)
      // The same key on another entity, or in another shop, is a different field.
      expect((await define(a.admin, { entity: 'customers', key: 'color', label: 'Favourite colour', type: 'text' })).status).toBe(201)
    })

    it('keeps key and entity once created; only tenant-admins define fields', async () => {
      const [color] = (await api('GET', '/custom-field-definitions?where[key][equals]=color&where[entity][equals]=products', { token: a.admin })).body.docs
      const renamed = await api('PATCH', `/custom-field-definitions/${color.id}`, { token: a.admin, body: { key: 'colour' } })
      expect(renamed.status).toBe(400)
      expect(paths(renamed.body)).toEqual(['key'])
      expect((await api('PATCH', `/custom-field-definitions/${color.id}`, { token: a.admin, body: { entity: 'orders' } })).status).toBe(400)
      expect((await api('PATCH', `/custom-field-definitions/${color.id}`, { token: a.admin, body: { label: 'Colour' } })).status).toBe(200)
      expect((await define(a.support, { entity: 'products', key: 'nope', label: 'x', type: 'text' })).status).toBe(403)
      // Staff read them (their forms show them), through the admin's endpoint too.
      const shown = await api('GET', `/tenant/custom-fields?entity=products&tenant=${a.tenant.id}`, { token: a.support })
      expect(shown.status).toBe(200)
      expect(shown.body).toMatchObject({ entity: 'products', currency: 'BDT', minorDigits: 2 })
      expect(shown.body.definitions.map((d: { key: string }) => d.key)).toEqual(['warranty_months', 'color', 'deposit', 'launch', 'featured', 'manual', 'code'])
      expect((await api('GET', `/tenant/custom-fields?entity=tenants&tenant=${a.tenant.id}`, { token: a.support })).status).toBe(400)
    })
  })

  describe('values on every write path', () => {
    const BAD = { warranty_months: 'long', color: 'green', deposit: 12.5, launch: '2026-02-30', featured: 'yes', manual: 'javascript:alert(1)', code: 'ab-12', unknown_key: 1 }
    const BAD_PATHS = Object.keys(BAD)
      .map((k) => `customFields.${k}`)
      .sort()

    it('REST: refuses each bad value naming customFields.<key>, stores nothing; fills defaults and normalises good ones', async () => {
      const bad = product(BAD)
      const res = await api('POST', '/products', { token: a.admin, body: bad })
      expect(res.status).toBe(400)
      expect(res.body.error).toBe('invalid_input')
      expect(paths(res.body)).toEqual(BAD_PATHS)
      expect(await q('select id from products where sku = $1', [bad.sku])).toEqual([])

      const missing = await api('POST', '/products', { token: a.admin, body: product({ deposit: 5000 }) })
      expect(missing.status).toBe(400)
      expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'customFields.color', message: expect.stringMatching(/required/) })])

      const ok = await api('POST', '/products', { token: a.admin, body: product({ color: 'red', deposit: 445850, launch: '2026-12-31', manual: 'https://acme.test/m', code: 'AB-1234' }) })
      expect(ok.status, JSON.stringify(ok.body)).toBe(201)
      expect(ok.body.doc.customFields).toEqual({ warranty_months: 12, featured: false, color: 'red', deposit: 445850, launch: '2026-12-31', manual: 'https://acme.test/m', code: 'AB-1234' })

      // An update merges the values sent over the stored ones; null removes one; the required one stays required.
      const id = ok.body.doc.id
      const patched = await api('PATCH', `/products/${id}`, { token: a.admin, body: { customFields: { deposit: null, launch: '2027-01-01T10:00:00+06:00' } } })
      expect(patched.status, JSON.stringify(patched.body)).toBe(200)
      expect(patched.body.doc.customFields).toMatchObject({ color: 'red', launch: '2027-01-01T04:00:00.000Z' })
      expect(patched.body.doc.customFields).not.toHaveProperty('deposit')
      const cleared = await api('PATCH', `/products/${id}`, { token: a.admin, body: { customFields: { color: null } } })
      expect(cleared.status).toBe(400)
      expect(paths(cleared.body)).toEqual(['customFields.color'])
      expect((await q('select custom_fields from products where id = $1', [id]))[0].custom_fields.color).toBe('red')
      // A patch of other fields leaves the values alone.
      expect((await api('PATCH', `/products/${id}`, { token: a.admin, body: { stock: 9 } })).body.doc.customFields.color).toBe('red')
    })

    it('a changed type or an archived field keeps stored values until they are changed', async () => {
      const grade = await define(a.admin, { entity: 'products', key: 'grade', label: 'Grade', type: 'select', options: [{ value: 'a' }, { value: 'b' }], position: 9 })
      expect(grade.status).toBe(201)
      const doc = (await api('POST', '/products', { token: a.admin, body: product({ color: 'red', grade: 'a' }) })).body.doc
      // select → number: its options go; the stored "a" stays, and is checked as a number when next changed.
      const changed = await api('PATCH', `/custom-field-definitions/${grade.body.doc.id}`, { token: a.admin, body: { type: 'number' } })
      expect(changed.status, JSON.stringify(changed.body)).toBe(200)
      expect(changed.body.doc.options).toEqual([])
      // The admin sends the whole object back: unchanged values pass.
      expect((await api('PATCH', `/products/${doc.id}`, { token: a.admin, body: { customFields: { ...doc.customFields, deposit: 100 } } })).status).toBe(200)
      expect(paths((await api('PATCH', `/products/${doc.id}`, { token: a.admin, body: { customFields: { grade: 'b' } } })).body)).toEqual(['customFields.grade'])
      expect((await api('PATCH', `/products/${doc.id}`, { token: a.admin, body: { customFields: { grade: 3 } } })).body.doc.customFields.grade).toBe(3)
      // Archived: hidden from the forms' endpoint's active list, value kept, no new values.
      await api('PATCH', `/custom-field-definitions/${grade.body.doc.id}`, { token: a.admin, body: { archived: true } })
      const kept = await api('PATCH', `/products/${doc.id}`, { token: a.admin, body: { stock: 3, customFields: { grade: 3, color: 'blue' } } })
      expect(kept.status).toBe(200)
      expect(kept.body.doc.customFields).toMatchObject({ grade: 3, color: 'blue' })
      expect(paths((await api('PATCH', `/products/${doc.id}`, { token: a.admin, body: { customFields: { grade: 4 } } })).body)).toEqual(['customFields.grade'])
      expect(paths((await api('POST', '/products', { token: a.admin, body: product({ color: 'red', grade: 1 }) })).body)).toEqual(['customFields.grade'])
    })

    it('GraphQL: the same refusal with the fields named, and the same acceptance', async () => {
      const mutation = 'mutation($data: mutationProductInput!) { createProduct(data: $data) { id customFields } }'
      const bad = product(BAD)
      const res = await graphql(mutation, { token: a.admin, variables: { data: bad } })
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'invalid_input', statusCode: 400 })
      expect((res.body.errors?.[0]?.extensions?.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(BAD_PATHS)
      expect(await q('select id from products where sku = $1', [bad.sku])).toEqual([])
      const ok = await graphql<{ createProduct: { id: string; customFields: Record<string, unknown> } }>(mutation, { token: a.admin, variables: { data: product({ color: 'blue' }) } })
      expect(ok.body.errors).toBeUndefined()
      expect(ok.body.data?.createProduct.customFields).toEqual({ warranty_months: 12, featured: false, color: 'blue' })
      const update = await graphql(`mutation { updateProduct(id: "${ok.body.data!.createProduct.id}", data: { customFields: { color: "pink" } }) { id } }`, { token: a.admin })
      expect(update.body.errors?.[0]?.extensions?.errors).toEqual([expect.objectContaining({ path: 'customFields.color' })])
    })

    it('Local API: refused as the caller and as the platform; the platform’s own writes get defaults without the required check', async () => {
      const bad = product(BAD)
      const asStaff = payload.create({ collection: 'products', data: { ...bad, tenant: a.tenant.id } as never, overrideAccess: false, user: { ...a.adminUser, collection: 'users' } })
      await expect(asStaff).rejects.toMatchObject({ status: 400, data: { error: 'invalid_input', errors: expect.arrayContaining([expect.objectContaining({ path: 'customFields.color' })]) } })
      await expect(asSystem(() => payload.create({ collection: 'products', data: { ...product({ color: 'green' }), tenant: a.tenant.id } as never, overrideAccess: true }))).rejects.toMatchObject({
        status: 400,
      })
      expect(await q('select id from products where sku = $1', [bad.sku])).toEqual([])
      // A storefront checkout or an inbound webhook is not lost to a form setting: no color, defaults filled.
      const system = await asSystem(() => payload.create({ collection: 'products', data: { ...product(), tenant: a.tenant.id } as never, overrideAccess: true }))
      expect(system.customFields).toEqual({ warranty_months: 12, featured: false })
      const ok = await payload.create({
        collection: 'products',
        data: { ...product({ color: 'red', warranty_months: 24 }), tenant: a.tenant.id } as never,
        overrideAccess: false,
        user: { ...a.adminUser, collection: 'users' },
      })
      expect(ok.customFields).toEqual({ warranty_months: 24, featured: false, color: 'red' })
    })

    it('filters lists by a custom value over REST (json path query)', async () => {
      const made = []
      for (const values of [
        { color: 'red', warranty_months: 30 },
        { color: 'blue', warranty_months: 6 },
      ]) {
        const res = await api('POST', '/products', { token: a.admin, body: product(values) })
        expect(res.status).toBe(201)
        made.push(res.body.doc.id)
      }
      const ids = made.map((id) => `where[id][in]=${id}`).join('&')
      const red = await api('GET', `/products?depth=0&limit=100&where[customFields.color][equals]=red&${ids}`, { token: a.admin })
      expect(red.status).toBe(200)
      expect(red.body.docs.map((d: { id: string }) => d.id)).toEqual([made[0]])
      // Comparisons are not what the adapter can ask of a json field: a 400 naming the operators that work, not a 500.
      const long = await api('GET', `/products?depth=0&limit=100&where[customFields.warranty_months][greater_than]=20&${ids}`, { token: a.admin })
      expect(long.status).toBe(400)
      expect(long.body.errors[0].message).toMatch(/equals, not_equals, in/)
      // A REST query string sends text: a number never equals it; the Local API (a number in the where) does.
      const local = await payload.find({
        collection: 'products',
        where: { and: [{ 'customFields.warranty_months': { equals: 30 } }, { id: { in: made } }] },
        overrideAccess: false,
        user: { ...a.adminUser, collection: 'users' },
      })
      expect(local.docs.map((d) => d.id)).toEqual([made[0]])
      const like = await api('GET', `/products?depth=0&limit=100&where[customFields.color][like]=BLU&${ids}`, { token: a.admin })
      expect(like.body.docs.map((d: { id: string }) => d.id)).toEqual([made[1]])
      const exists = await api('GET', `/products?depth=0&limit=100&where[customFields.color][exists]=true&${ids}`, { token: a.admin })
      expect(exists.body.docs.length).toBe(2)
      // Another shop's staff filtering by the same value find nothing of this shop's.
      expect((await api('GET', `/products?depth=0&where[customFields.color][equals]=red&${ids}`, { token: b.admin })).body.docs).toEqual([])
    })
  })

  describe('isolation', () => {
    it('one shop’s definitions never apply to another’s documents', async () => {
      // B's product with A's keys: unknown there; with its own key: fine, and A's required field does not apply.
      const withA = await api('POST', '/products', { token: b.admin, body: product({ color: 'red' }) })
      expect(withA.status).toBe(400)
      expect(withA.body.errors).toEqual([expect.objectContaining({ path: 'customFields.color', message: 'Not a custom field of this shop.' })])
      const own = await api('POST', '/products', { token: b.admin, body: product({ size: 'XL' }) })
      expect(own.status, JSON.stringify(own.body)).toBe(201)
      expect(own.body.doc.customFields).toEqual({ size: 'XL' })
      // And A's product refuses B's key.
      expect(paths((await api('POST', '/products', { token: a.admin, body: product({ color: 'red', size: 'XL' }) })).body)).toEqual(['customFields.size'])
    })

    it('another shop, a stranger and anonymous callers neither see nor write a shop’s definitions', async () => {
      for (const token of [b.admin, stranger]) {
        const list = await api('GET', '/custom-field-definitions?depth=0&limit=100', { token })
        expect(list.status).toBe(200)
        expect(list.body.docs.every((d: { tenant: string }) => d.tenant !== a.tenant.id)).toBe(true)
        const gql = await graphql('{ CustomFieldDefinitions(limit: 100) { docs { key tenant { id } } } }', { token })
        expect((gql.body.data as { CustomFieldDefinitions: { docs: { tenant: { id: string } }[] } }).CustomFieldDefinitions.docs.every((d) => d.tenant.id !== a.tenant.id)).toBe(true)
        expect((await define(token, { tenant: a.tenant.id, entity: 'products', key: 'pwned', label: 'x', type: 'text' })).status).toBe(403)
        const gqlCreate = await graphql(`mutation { createCustomFieldDefinition(data: { tenant: "${a.tenant.id}", entity: products, key: "pwned", label: "x", type: text }) { id } }`, { token })
        expect(gqlCreate.body.errors?.[0]?.extensions?.statusCode).toBe(403)
        expect((await api('GET', `/tenant/custom-fields?entity=products&tenant=${a.tenant.id}`, { token })).status).toBe(403)
      }
      const [color] = (await api('GET', '/custom-field-definitions?where[key][equals]=color&where[entity][equals]=products', { token: a.admin })).body.docs
      expect((await api('PATCH', `/custom-field-definitions/${color.id}`, { token: b.admin, body: { required: false } })).status).toBe(404)
      expect((await api('DELETE', `/custom-field-definitions/${color.id}`, { token: stranger })).status).toBe(404)
      expect((await api('GET', '/tenant/custom-fields?entity=products')).status).toBe(401)
      expect((await api('GET', '/custom-field-definitions')).body.docs ?? []).toEqual([])
      // The stranger's own shop has none.
      expect((await api('GET', '/tenant/custom-fields?entity=products', { token: stranger })).body.definitions).toEqual([])
      expect(await q(`select key from custom_field_definitions where key = 'pwned'`)).toEqual([])
    })
  })

  describe('import and export', () => {
    it('imports cf.<key> columns checked like the API; a bad value is a row error and nothing is written', async () => {
      const file = csv(
        'name,sku,price,cf.color,cf.warranty_months,cf.deposit,cf.featured,customFields.code',
        'Lamp,CF-IMP-1,450.00,blue,36,1250.50,yes,AB-0001',
        'Bulb,CF-IMP-2,99,purple,x,,maybe,',
        'Fan,CF-IMP-3,120,,,,,',
      )
      const dry = await postImport('products', file, { token: a.admin, query: { dryRun: 'false' } })
      expect(dry.status).toBe(200)
      expect(dry.body.imported).toBe(0)
      expect(dry.body.errors.map((e: { row: number; column: string }) => [e.row, e.column]).sort()).toEqual([
        [3, 'cf.color'],
        [3, 'cf.featured'],
        [3, 'cf.warranty_months'],
        [4, 'cf.color'],
      ])
      expect(await q(`select sku from products where sku like 'CF-IMP-%'`)).toEqual([])

      const good = await postImport('products', csv('name,sku,price,cf.color,cf.warranty_months,cf.deposit,cf.featured,customFields.code', 'Lamp,CF-IMP-1,450.00,blue,36,1250.50,yes,AB-0001'), {
        token: a.admin,
        query: { dryRun: 'false' },
      })
      expect(good.body).toMatchObject({ imported: 1, errors: [] })
      const [row] = await q(`select custom_fields from products where sku = 'CF-IMP-1'`)
      expect(row.custom_fields).toEqual({ color: 'blue', warranty_months: 36, deposit: 125050, featured: true, code: 'AB-0001' })
      // Shop B's file with A's column: unknown there, ignored with a warning.
      const inB = await postImport('products', csv('name,sku,price,cf.color', 'Lamp,CF-IMP-B,450.00,blue'), { token: b.admin, query: { dryRun: 'true' } })
      expect(inB.body.warnings).toEqual([expect.objectContaining({ column: 'cf.color', code: 'unknown_column' })])
    })

    it('exports one cf.<key> column per definition', async () => {
      const dir = process.env.EXPORT_DIR
      process.env.EXPORT_DIR = await mkdtemp(path.join(tmpdir(), 'cf-export-'))
      try {
        const req = await createLocalReq({}, payload)
        const id = `cf-${Date.now()}`
        await runWithTenant({ tenantId: a.tenant.id, via: 'job' }, () => buildArchive(req, a.tenant.id, id, async () => undefined))
        const text = await unzipEntry(archivePath(id), 'products.csv')
        const [header, ...lines] = text.trim().split('\n')
        const columns = header.split(',')
        expect(columns).toEqual(expect.arrayContaining(['cf.warranty_months', 'cf.color', 'cf.deposit', 'cf.launch', 'cf.featured', 'cf.manual', 'cf.code']))
        expect(columns).not.toContain('customFields')
        const lamp = lines.map((l) => l.split(',')).find((cells) => cells.includes('CF-IMP-1'))!
        expect(lamp[columns.indexOf('cf.color')]).toBe('blue')
        expect(lamp[columns.indexOf('cf.deposit')]).toBe('125050')
        expect(lamp[columns.indexOf('cf.featured')]).toBe('true')
        await rm(process.env.EXPORT_DIR, { recursive: true, force: true })
      } finally {
        process.env.EXPORT_DIR = dir
      }
    })
  })

  it('a value check never throws and accepts exactly what its type allows (property)', () => {
    const def = (type: CustomFieldDefinition['type']): CustomFieldDefinition => ({ entity: 'products', key: 'k', label: 'K', type, options: type === 'select' ? [{ value: 'a' }, { value: 'b' }] : [] })
    fc.assert(
      fc.property(fc.constantFrom('text', 'number', 'money', 'date', 'select', 'checkbox', 'url' as const), fc.jsonValue(), (type, value) => {
        const checked = checkValue(def(type), value)
        if (value === null || value === '') return checked.ok && checked.value === null
        if (!checked.ok) return typeof checked.error === 'string' && checked.error.length > 0
        const v = checked.value
        switch (type) {
          case 'number':
            return typeof v === 'number' && Number.isFinite(v)
          case 'money':
            return Number.isSafeInteger(v) && (v as number) >= 0
          case 'checkbox':
            return typeof v === 'boolean'
          case 'select':
            return v === 'a' || v === 'b'
          default:
            return typeof v === 'string'
        }
      }),
      { seed: 18, numRuns: 2000 },
    )
  })
})
