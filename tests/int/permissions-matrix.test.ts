import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PERMISSIONS, type TenantCollection } from '../../access/permissions'
import type { Tenant, User } from '../../payload-types'
import { TENANT_ROLES } from '../../src/tenancy/roles'
import { login } from './helpers/api'
import { crud, type Caller, type Path } from './helpers/crud-paths'
import { asSystem, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'
import { startFakeGraph, type FakeGraph } from '../fakes/meta'
import { createAsSystem, samplePatch, sampleData, tenantFixture, type TenantFixture } from './helpers/samples'

/**
 * Every cell of access/permissions.ts (collection × role × operation), over REST, GraphQL and
 * the Local API (overrideAccess: false), inside the caller's tenant and against a second tenant.
 * Allowed cells must work; every other attempt must see nothing and change nothing.
 */
type Role = (typeof TENANT_ROLES)[number] | 'super-admin' | 'anonymous'
const ROLES: Role[] = [...TENANT_ROLES, 'super-admin', 'anonymous']
const PATHS: Path[] = ['local', 'rest', 'graphql']
const COLLECTIONS = Object.keys(PERMISSIONS) as TenantCollection[]

const allowed = (collection: TenantCollection, role: Role, letter: 'c' | 'r' | 'u' | 'd') =>
  role === 'super-admin' ? true : role === 'anonymous' ? false : (PERMISSIONS[collection][role] as string).includes(letter)

describe('permission matrix', () => {
  let payload: Payload
  let home: Tenant
  let other: Tenant
  const fx: Record<'home' | 'other', TenantFixture> = {} as never
  const callers = {} as Record<Role, Caller>
  let graph: FakeGraph

  afterAll(async () => {
    await graph?.close()
  })

  beforeAll(async () => {
    payload = await freshPayload()
    // Templates are submitted to Meta on create: a fake Graph that knows the fixtures' numbers.
    graph = await startFakeGraph()
    process.env.META_GRAPH_URL = graph.url
    home = await createTenant(payload)
    other = await createTenant(payload)
    fx.home = await tenantFixture(payload, home.id, graph)
    fx.other = await tenantFixture(payload, other.id, graph)
    for (const role of TENANT_ROLES) {
      const user: User = await createStaff(payload, home, role)
      callers[role] = { user, token: await login(user.email, PASSWORD) }
    }
    const root = await createSuperAdmin(payload)
    callers['super-admin'] = { user: root, token: await login(root.email, PASSWORD) }
    callers.anonymous = { user: null }
  })

  const total = async (c: TenantCollection) => (await asSystem(() => payload.count({ collection: c, overrideAccess: true }))).totalDocs
  const exists = async (c: TenantCollection, id: string) => (await asSystem(() => payload.count({ collection: c, where: { id: { equals: id } }, overrideAccess: true }))).totalDocs === 1
  const field = async (c: TenantCollection, id: string, name: string) =>
    ((await asSystem(() => payload.findByID({ collection: c, id, overrideAccess: true, depth: 0 }))) as unknown as Record<string, unknown>)[name]

  describe.each(COLLECTIONS)('%s', (collection) => {
    describe.each(ROLES)('%s', (role) => {
      it.each(PATHS)('read: list, by id, count — own tenant only (%s)', async (path) => {
        const mine = await createAsSystem(payload, collection, fx.home)
        const theirs = await createAsSystem(payload, collection, fx.other)
        const client = crud(payload, path, callers[role])
        const canRead = allowed(collection, role, 'r')
        const listed = await client.list(collection)
        expect(listed.includes(String(mine.id))).toBe(canRead)
        expect(listed.includes(String(theirs.id))).toBe(role === 'super-admin')
        expect(await client.read(collection, String(mine.id))).toBe(canRead ? String(mine.id) : null)
        expect(await client.read(collection, String(theirs.id))).toBe(role === 'super-admin' ? String(theirs.id) : null)
        expect(await client.count(collection, String(mine.id))).toBe(canRead ? 1 : 0)
        expect(await client.count(collection, String(theirs.id))).toBe(role === 'super-admin' ? 1 : 0)
      })

      it.each(PATHS)('create — in own tenant only (%s)', async (path) => {
        if (collection === 'media' && path === 'graphql') return // Payload has no GraphQL upload; REST and Local cover it
        const client = crud(payload, path, callers[role])
        const before = await total(collection)
        await client.create(collection, sampleData(collection, fx.home))
        expect(await total(collection)).toBe(before + (allowed(collection, role, 'c') ? 1 : 0))
        const beforeForeign = await total(collection)
        await client.create(collection, sampleData(collection, fx.other))
        expect(await total(collection)).toBe(beforeForeign + (role === 'super-admin' ? 1 : 0))
      })

      it.each(PATHS)('update — own tenant only (%s)', async (path) => {
        const mine = await createAsSystem(payload, collection, fx.home)
        const theirs = await createAsSystem(payload, collection, fx.other)
        const client = crud(payload, path, callers[role])
        const patch = samplePatch(collection, role)
        const [name, value] = Object.entries(patch)[0]
        await client.update(collection, String(mine.id), patch)
        expect((await field(collection, String(mine.id), name)) === value).toBe(allowed(collection, role, 'u'))
        await client.update(collection, String(theirs.id), patch)
        expect((await field(collection, String(theirs.id), name)) === value).toBe(role === 'super-admin')
      })

      it.each(PATHS)('delete — own tenant only (%s)', async (path) => {
        const mine = await createAsSystem(payload, collection, fx.home)
        const theirs = await createAsSystem(payload, collection, fx.other)
        const client = crud(payload, path, callers[role])
        await client.remove(collection, String(mine.id))
        expect(await exists(collection, String(mine.id))).toBe(!allowed(collection, role, 'd'))
        await client.remove(collection, String(theirs.id))
        expect(await exists(collection, String(theirs.id))).toBe(role !== 'super-admin')
      })
    })
  })
})

describe('permission documentation', () => {
  it('README shows exactly the matrix the tests check', async () => {
    const { readFileSync } = await import('node:fs')
    const { permissionsTable } = await import('../../access/permissions-table')
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    expect(readme, 'run `npm run docs:permissions` and paste the table into README.md').toContain(permissionsTable())
  })
})
