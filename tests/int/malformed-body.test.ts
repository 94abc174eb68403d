import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Product, Tenant } from '../../payload-types'
import { api, apiRaw, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { postWebhook } from './helpers/meta'
import { freshPayload } from './helpers/payload'

const MiB = 1024 * 1024
const JSON_TYPE = { 'content-type': 'application/json' }
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** A body that counts what is read of it: `{` and then spaces, in 64 KiB chunks, for ever. */
function endlessBody() {
  const chunk = new Uint8Array(64 * 1024).fill(0x20)
  const read = { bytes: 0 }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(read.bytes === 0 ? new Uint8Array([0x7b, ...chunk.subarray(1)]) : chunk)
      read.bytes += chunk.byteLength
    },
  })
  return { stream, read }
}

const form = (fields: Record<string, string | Blob>) => {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.set(name, value)
  return body
}

/** Issue 14: a body the API cannot read answers its code (never a 500), and nothing is stored. */
describe('malformed request bodies', () => {
  let payload: Payload
  let shop: Tenant
  let token: string
  let product: Product
  let n = 0
  const productCount = async () => (await asSystem(() => payload.count({ collection: 'products', overrideAccess: true }))).totalDocs
  const valid = () => ({ name: 'Mug', sku: `MUG-${n++}`, price: 100, currency: 'BDT', stock: 1, status: 'active', tenant: shop.id })

  /** POST /products with `init`: the status and code it answers, and that no product was stored. */
  async function refusedCreate(init: Parameters<typeof apiRaw>[2], status: number, code: string, path = '/products') {
    const before = await productCount()
    const res = await apiRaw('POST', path, { token, ...init })
    expect({ status: res.status, code: res.body?.error, errors: Array.isArray(res.body?.errors) }).toEqual({ status, code, errors: true })
    expect(await productCount()).toBe(before)
    return res
  }

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload)
    product = await createProduct(payload, shop, { name: 'Original' })
    token = await login((await createStaff(payload, shop, 'tenant-admin')).email, PASSWORD)
  })

  it.each([
    ['application/x-www-form-urlencoded', 'name=Mug&price=100'],
    ['text/xml', '<product><name>Mug</name></product>'],
    ['text/plain', '{"name":"Mug"}'],
  ])('refuses %s with 415 (was 500)', async (type, body) => {
    await refusedCreate({ headers: { 'content-type': type }, body }, 415, 'unsupported_media_type')
    const patch = await apiRaw('PATCH', `/products/${product.id}`, { token, headers: { 'content-type': type }, body })
    expect(patch.status).toBe(415)
    expect((await asSystem(() => payload.findByID({ collection: 'products', id: product.id, overrideAccess: true }))).name).toBe('Original')
  })

  it('refuses bytes without a Content-Type with 415, signed in or not (was 500)', async () => {
    await refusedCreate({ body: JSON.stringify(valid()) }, 415, 'unsupported_media_type')
    await refusedCreate({ token: undefined, headers: { 'content-type': 'text/xml' }, body: '<a/>' }, 415, 'unsupported_media_type')
    const signup = await apiRaw('POST', '/tenants/signup', { headers: { 'content-type': 'text/plain' }, body: '{}' })
    expect([signup.status, signup.body.error]).toEqual([415, 'unsupported_media_type'])
  })

  it('answers malformed JSON with 400 invalid_json', async () => {
    await refusedCreate({ headers: JSON_TYPE, body: '{"name": "Mug",' }, 400, 'invalid_json')
  })

  it.each(['[]', '"x"', '123', 'null', '  true'])('answers JSON that is not an object (%s) with 400 invalid_input (was 500)', async (body) => {
    await refusedCreate({ headers: JSON_TYPE, body }, 400, 'invalid_input')
  })

  it('answers JSON nested thousands of levels deep with 400 invalid_input (was 500)', async () => {
    const junk = '['.repeat(8000) + ']'.repeat(8000)
    await refusedCreate({ headers: JSON_TYPE, body: JSON.stringify(valid()).replace(/}$/, `,"junk":${junk}}`) }, 400, 'invalid_input')
  })

  describe('multipart', () => {
    it('answers a truncated form with 400 invalid_multipart', async () => {
      const body = '--XX\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{"name":"Mug"'
      await refusedCreate({ headers: { 'content-type': 'multipart/form-data; boundary=XX' }, body }, 400, 'invalid_multipart')
    })

    it('answers a form without a boundary with 400 invalid_multipart (was 500)', async () => {
      await refusedCreate({ headers: { 'content-type': 'multipart/form-data' }, body: 'name=Mug' }, 400, 'invalid_multipart')
    })

    it('answers a `_payload` that is not JSON with 400 invalid_json', async () => {
      await refusedCreate({ body: form({ _payload: '{name: Mug}' }) }, 400, 'invalid_json')
    })

    it.each([
      ['not an object', { _payload: '123' }],
      ['empty', { _payload: '' }],
      ['missing', { name: 'Mug' }],
    ])('answers a `_payload` %s with 400 invalid_input (was 500)', async (_, fields) => {
      await refusedCreate({ body: form(fields) }, 400, 'invalid_input')
    })
  })

  describe('413 before the body is read in full', () => {
    it('refuses a declared Content-Length over 1 MiB without reading the body', async () => {
      const { stream, read } = endlessBody()
      const res = await refusedCreate({ headers: { ...JSON_TYPE, 'content-length': String(5 * MiB) }, body: stream }, 413, 'payload_too_large')
      expect(res.body.message).toBe('The body is larger than 1 MiB.')
      expect(read.bytes).toBeLessThanOrEqual(128 * 1024)
    })

    it('stops reading a body of unknown length at the limit', async () => {
      const { stream, read } = endlessBody()
      await refusedCreate({ headers: JSON_TYPE, body: stream }, 413, 'payload_too_large')
      expect(read.bytes).toBeLessThan(MiB + 256 * 1024)
    })

    it('keeps the small public endpoints’ own limits', async () => {
      const before = (await asSystem(() => payload.count({ collection: 'tenants', overrideAccess: true }))).totalDocs
      const res = await api('POST', '/tenants/signup', { body: { email: 'big@example.test', slug: 'big-shop', password: 'x'.repeat(17 * 1024) } })
      expect([res.status, res.body.error, res.body.message]).toEqual([413, 'payload_too_large', 'The body is larger than 16 KiB.'])
      expect((await asSystem(() => payload.count({ collection: 'tenants', overrideAccess: true }))).totalDocs).toBe(before)
    })

    it('allows uploads up to 10 MiB and room for the form, no more', async () => {
      const declared = { 'content-type': 'multipart/form-data; boundary=XX', 'content-length': String(12 * MiB) }
      const res = await refusedCreate({ headers: declared, body: endlessBody().stream }, 413, 'payload_too_large', '/media')
      expect(res.body.message).toBe('The body is larger than 11 MiB.')
    })

    it('answers Meta’s webhook over its limit with the one error shape', async () => {
      const res = await postWebhook({ object: 'whatsapp_business_account', entry: [], pad: 'x'.repeat(1_100_000) })
      expect(res).toMatchObject({ status: 413, body: { error: 'payload_too_large', errors: [] } })
    })
  })

  describe('what must keep working', () => {
    it('saves a product the way the admin does: a form whose `_payload` is the document', async () => {
      const created = await apiRaw('POST', '/products', { token, body: form({ _payload: JSON.stringify(valid()) }) })
      expect(created.status).toBe(201)
      const updated = await apiRaw('PATCH', `/products/${created.body.doc.id}`, { token, body: form({ _payload: JSON.stringify({ name: 'Renamed' }) }) })
      expect([updated.status, updated.body.doc.name]).toEqual([200, 'Renamed'])
    })

    it('uploads a file to media, with or without a `_payload`', async () => {
      const file = () => new Blob([PNG], { type: 'image/png' })
      expect((await apiRaw('POST', '/media', { token, body: form({ file: file(), _payload: JSON.stringify({ tenant: shop.id, alt: 'dot' }) }) })).status).toBe(201)
      expect((await apiRaw('POST', '/media', { token, body: form({ file: file() }) })).status).toBe(201)
    })

    it('reads JSON with a charset, and an empty body as {} (a 400 naming the fields, was 500)', async () => {
      expect((await apiRaw('POST', '/products', { token, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(valid()) })).status).toBe(201)
      const empty = await refusedCreate({}, 400, 'invalid_input')
      expect(empty.body.errors.map((e: { path: string }) => e.path)).toContain('name')
    })

    it('signs in, refreshes and signs out, with and without an (empty) body', async () => {
      const staff = await createStaff(payload, shop, 'sales-operator')
      const own = await login(staff.email, PASSWORD)
      const refreshed = await apiRaw('POST', '/users/refresh-token', { token: own })
      expect([refreshed.status, typeof refreshed.body.refreshedToken]).toEqual([200, 'string'])
      expect((await apiRaw('POST', '/users/logout', { token: refreshed.body.refreshedToken, headers: JSON_TYPE })).status).toBe(200)
      expect((await apiRaw('POST', '/users/logout', { token: await login(staff.email, PASSWORD) })).status).toBe(200)
    })

    it('answers an empty invitation acceptance as it answers `{}`', async () => {
      const empty = await apiRaw('POST', '/invitations/accept')
      const object = await api('POST', '/invitations/accept', { body: {} })
      expect([empty.status, empty.body.error]).toEqual([object.status, object.body.error])
      expect(empty.status).toBeLessThan(500)
    })

    it('answers the admin’s relationship picker (a query string POSTed as GET)', async () => {
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' }
      const res = await apiRaw('POST', '/products', { token, headers, body: `where[sku][equals]=${encodeURIComponent(product.sku)}&depth=0` })
      expect([res.status, res.body.docs?.map((d: Product) => d.id)]).toEqual([200, [product.id]])
    })
  })
})
