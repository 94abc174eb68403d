import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { api, graphqlRaw, login } from './helpers/api'
import { createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/**
 * Routes Payload mounts or answers by itself, outside every collection's hooks (each found by the
 * fuzz test as a 500 or an unshaped body): they answer the one error body like every other route.
 */
describe('routes outside the collections answer the one error body', () => {
  let payload: Payload
  let root: string
  let admin: string

  beforeAll(async () => {
    payload = await freshPayload()
    root = await login((await createSuperAdmin(payload)).email, PASSWORD)
    admin = await login((await createStaff(payload, await createTenant(payload), 'tenant-admin')).email, PASSWORD)
  })

  it('version routes of collections that keep no versions are 404, not a crash in the database layer', async () => {
    for (const [method, path] of [
      ['GET', '/products/versions'],
      ['GET', '/orders/versions/3f2a8c1e-1111-4222-8333-444455556666'],
      ['POST', '/plans/versions/3f2a8c1e-1111-4222-8333-444455556666'],
    ] as const) {
      const res = await api(method, path, { token: root, ...(method === 'POST' ? { body: {} } : {}) })
      expect([path, res.status, res.body.error]).toEqual([path, 404, 'not_found'])
    }
    const verify = await api('POST', '/users/verify/abc', { body: {} })
    expect([verify.status, verify.body.error]).toEqual([404, 'not_found'])
  })

  it('unknown routes, names of Object’s own properties and methods a route lacks are coded', async () => {
    const unknown = await api('GET', '/no-such-thing', { token: admin })
    expect(unknown).toMatchObject({ status: 404, body: { error: 'not_found', message: expect.stringContaining('no such API route'), errors: [] } })
    for (const name of ['hasOwnProperty', 'constructor', '__proto__']) {
      const res = await api('GET', `/${name}/products`)
      expect([name, res.status, res.body.error]).toEqual([name, 404, 'not_found'])
    }
    const migrations = await api('DELETE', '/payload-migrations/x', { token: root })
    expect([migrations.status, migrations.body.error]).toEqual([405, 'method_not_allowed'])
  })

  it('GraphQL: a query that does not parse, or none, is invalid_query / invalid_input; an odd Accept still gets JSON', async () => {
    const syntax = await graphqlRaw({ token: admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ Products { docs { id }' }) })
    expect(syntax.status).toBe(400)
    expect(syntax.body.errors[0].extensions).toMatchObject({ code: 'invalid_query', statusCode: 400 })
    expect(syntax.body.errors[0].message).toMatch(/Syntax Error.*line 1/)
    const none = await graphqlRaw({ token: admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variables: {} }) })
    expect([none.status, none.body.errors[0].extensions.code]).toEqual([400, 'invalid_input'])
    const odd = await graphqlRaw({ token: admin, headers: { 'content-type': 'application/json', accept: 'text/x-nothing' }, body: JSON.stringify({ query: '{ Products { totalDocs } }' }) })
    expect([odd.status, odd.body.data?.Products?.totalDocs]).toEqual([200, 0])
  })
})
