import config from '@payload-config'
import { getIntrospectionQuery } from 'graphql'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { MAX_QUERY_DEPTH } from '../../src/graphql/depth-rule'
import { MAX_QUERY_COMPLEXITY, playgroundEnabled } from '../../src/graphql/options'
import { playgroundRoute } from '../../src/graphql/playground'
import { graphql, graphqlRaw, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

const JSON_TYPE = { 'content-type': 'application/json' }
const body = (query: string, variables?: object) => JSON.stringify({ query, variables })

const CYCLE = ['tenant', 'branding', 'logo'] // Product.tenant → Tenant.branding.logo (Media) → Media.tenant → …

/** A selection `levels` fields deep along CYCLE, from its `start`th name, ending in `__typename`. */
const chain = (levels: number, start = 0) => {
  let selection = '__typename'
  for (let i = levels - 1; i >= 0; i--) selection = `${CYCLE[(start + i) % CYCLE.length]} { ${selection} }`
  return selection
}
/** `{ Products { docs { <chain> } } }`: 3 levels plus the chain. */
const productsQuery = (levels: number) => `{ Products { docs { ${chain(levels)} } } }`

const ORDERS = 'Orders { docs { id number status total subtotal currency paymentMethod customer { id name phone } items { product { id name sku } quantity unitPrice } tenant { id name } } totalDocs }'

/** Issue 14: GraphQL answers oversized, malformed and too deep or costly requests with a coded error, never a 500. */
describe('GraphQL limits', () => {
  let payload: Payload
  let shop: Tenant
  let token: string
  const productCount = async () => (await asSystem(() => payload.count({ collection: 'products', overrideAccess: true }))).totalDocs
  const codeOf = (res: { body: any }) => res.body?.errors?.[0]?.extensions?.code

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload)
    await createProduct(payload, shop)
    token = await login((await createStaff(payload, shop, 'tenant-admin')).email, PASSWORD)
  })

  describe('the body, before graphql-js reads it', () => {
    it('refuses a 3 MB body with 413, GraphQL-shaped, and runs nothing of it (was an empty 500)', async () => {
      const before = await productCount()
      const mutation = `mutation { createProduct(data: { name: "Big", sku: "BIG-1", price: 1, currency: BDT, stock: 1, status: active, tenant: "${shop.id}" }) { id } }`
      const res = await graphqlRaw({ token, headers: JSON_TYPE, body: body(`${mutation} # ${'x'.repeat(3_000_000)}`) })
      expect(res).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'payload_too_large', statusCode: 413, errors: [] } }] } })
      expect(res.body.errors[0].message).toBe('The body is larger than 256 KiB.')
      expect(await productCount()).toBe(before)
    })

    it('refuses a declared Content-Length over the limit without reading the body', async () => {
      let pulled = 0
      const stream = new ReadableStream({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))) })
      const res = await graphqlRaw({ token, headers: { ...JSON_TYPE, 'content-length': String(3_000_000) }, body: stream })
      expect([res.status, codeOf(res), pulled]).toEqual([413, 'payload_too_large', expect.any(Number)])
      expect(pulled).toBeLessThanOrEqual(2)
    })

    it.each([
      ['malformed JSON', '{"query": '],
      ['an empty body', ''],
    ])('answers %s with 400 invalid_json, GraphQL-shaped (was REST-shaped)', async (_, raw) => {
      const res = await graphqlRaw({ token, headers: JSON_TYPE, body: raw })
      expect([res.status, codeOf(res), res.body.errors[0].extensions.statusCode]).toEqual([400, 'invalid_json', 400])
    })

    it('answers another Content-Type with 415, GraphQL-shaped (was an empty 415)', async () => {
      const res = await graphqlRaw({ token, headers: { 'content-type': 'text/plain' }, body: body('{ Products { docs { id } } }') })
      expect([res.status, codeOf(res)]).toEqual([415, 'unsupported_media_type'])
    })

    it.each([
      ['5 000 nested selections', body('{ a'.repeat(5000))],
      ['5 000 nested list brackets in an argument', body(`{ Products(where: ${'['.repeat(5000)}) { docs { id } } }`)],
      ['a valid query nested 300 levels', body(productsQuery(300))],
      ['variables nested 5 000 levels', `{"query":"query($w: Product_where) { Products(where: $w) { docs { id } } }","variables":{"w":${'{"AND":['.repeat(5000)}{}${']}'.repeat(5000)}}}`],
    ])('refuses %s with 400 query_too_complex before parsing', async (_, raw) => {
      const res = await graphqlRaw({ token, headers: JSON_TYPE, body: raw })
      expect([res.status, codeOf(res)]).toEqual([400, 'query_too_complex'])
    })
  })

  describe('validation: depth and complexity', () => {
    it(`answers a query ${MAX_QUERY_DEPTH} levels deep, and refuses one level more`, async () => {
      const ok = await graphql(productsQuery(MAX_QUERY_DEPTH - 3), { token })
      expect(ok.body.errors).toBeUndefined()
      expect(ok.body.data.Products.docs).toHaveLength(1)
      const deep = await graphql(productsQuery(MAX_QUERY_DEPTH - 2), { token })
      expect(deep.status).toBeLessThan(500)
      expect(deep.body.errors?.[0]).toMatchObject({ message: expect.stringContaining(`at most ${MAX_QUERY_DEPTH}`), extensions: { code: 'query_too_complex', statusCode: 400 } })
      expect(deep.body.data).toBeUndefined()
    })

    it('counts the depth of fragments where they are spread', async () => {
      const query = `{ Products { docs { ...P } } } fragment P on Product { tenant { ...T } } fragment T on Tenant { ${chain(MAX_QUERY_DEPTH - 3, 1)} }`
      expect(codeOf(await graphql(query, { token }))).toBe('query_too_complex')
    })

    it('does not run a mutation that is too deep', async () => {
      const before = await productCount()
      const res = await graphql(`mutation { createProduct(data: { name: "Deep", sku: "DEEP-1", price: 1, currency: BDT, stock: 1, status: active, tenant: "${shop.id}" }) { ${chain(MAX_QUERY_DEPTH)} } }`, {
        token,
      })
      expect(codeOf(res)).toBe('query_too_complex')
      expect(await productCount()).toBe(before)
    })

    it('answers the standard introspection query (the playground’s, client libraries’)', async () => {
      const res = await graphql(getIntrospectionQuery(), { token })
      expect(res.body.errors).toBeUndefined()
      expect(res.body.data.__schema.types.length).toBeGreaterThan(10)
    })

    it(`answers a full list of orders, and refuses ten of them in one query (over ${MAX_QUERY_COMPLEXITY})`, async () => {
      const one = await graphql(`{ ${ORDERS} }`, { token })
      expect(one.body.errors).toBeUndefined()
      const ten = await graphql(`{ ${Array.from({ length: 10 }, (_, i) => `o${i}: ${ORDERS}`).join(' ')} }`, { token })
      expect(ten.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('maximum complexity'), extensions: { code: 'query_too_complex', statusCode: 400 } })
    })
  })

  describe('other refused queries carry a code', () => {
    it('answers a variable of the wrong type with 400 invalid_input naming it (was uncoded)', async () => {
      const res = await graphql('query($id: String!) { Lead(id: $id) { id } }', { token, variables: { id: 5 } })
      expect(res.status).toBeLessThan(500)
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'invalid_input', statusCode: 400, errors: [{ path: 'id' }] })
    })

    it('answers an @include/@skip condition that is not a Boolean with invalid_query (was a 500 from the complexity rule)', async () => {
      for (const query of ['{ __typename @include(if: "yes") }', '{ Products @skip(if: 1) { totalDocs } }', '{ __typename @include }']) {
        const res = await graphql(query, { token })
        expect(res.status, query).toBe(400)
        expect(res.body.errors?.[0]?.extensions, query).toMatchObject({ code: 'invalid_query', statusCode: 400 })
      }
      const ok = await graphql('query($on: Boolean!) { __typename @include(if: $on) Products @skip(if: true) { totalDocs } }', { token, variables: { on: true } })
      expect(ok.body).toEqual({ data: { __typename: 'Query' } })
    })

    it('answers a field the schema does not have with invalid_query', async () => {
      expect((await graphql('{ Products { docs { nope } } }', { token })).body.errors?.[0]?.extensions).toMatchObject({ code: 'invalid_query', statusCode: 400 })
    })
  })

  describe('the playground', () => {
    it('is off in production unless GRAPHQL_PLAYGROUND=1, on elsewhere', () => {
      expect(playgroundEnabled({ NODE_ENV: 'production' })).toBe(false)
      expect(playgroundEnabled({ NODE_ENV: 'production', GRAPHQL_PLAYGROUND: 'true' })).toBe(false)
      expect(playgroundEnabled({ NODE_ENV: 'production', GRAPHQL_PLAYGROUND: '1' })).toBe(true)
      expect(playgroundEnabled({ NODE_ENV: 'development' })).toBe(true)
    })

    it('answers 404 not_found in production, and the page in development', async () => {
      const request = () => new Request('http://localhost/api/graphql-playground')
      const off = await playgroundRoute(config, { NODE_ENV: 'production' }).GET(request())
      expect([off.status, (await off.json()).error]).toEqual([404, 'not_found'])
      const on = await playgroundRoute(config, { NODE_ENV: 'development' }).GET(request())
      expect([on.status, on.headers.get('content-type')]).toEqual([200, 'text/html'])
    })
  })
})
