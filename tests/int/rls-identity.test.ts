import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { api, login } from './helpers/api'
import { createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'
import { asRole, type RoleContext } from './helpers/as-role'

/**
 * The identity layer's database backstop on its own (issue #13): raw SQL as the request role —
 * no application filter at all — with tenant A's context. Nothing of tenant B's people can be
 * read, changed, moved or deleted; with no context nothing can be read; and the request role's
 * `app.bypass_rls` counts for nothing (only the platform role's does).
 */
let payload: Payload
let shopA: Tenant
let shopB: Tenant
let userA: User
let userB: User
const requestRole = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 })
const platformRole = new pg.Pool({ connectionString: inject('platformDatabaseUrl'), max: 1 })

type Context = RoleContext

const inA: Context = {}
const errorOf = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: Error & { code?: string }) => error.code ?? error.message,
  )

beforeAll(async () => {
  payload = await freshPayload()
  shopA = await createTenant(payload)
  shopB = await createTenant(payload)
  userA = await createStaff(payload, shopA, 'tenant-admin')
  userB = await createStaff(payload, shopB, 'tenant-admin')
  // Both have a session (users_sessions rows).
  await login(userA.email, PASSWORD)
  await login(userB.email, PASSWORD)
  Object.assign(inA, { tenants: [shopA.id], user: userA.id })
})
afterAll(async () => {
  await requestRole.end()
  await platformRole.end()
})

describe("the request role with tenant A's context", () => {
  it("reads none of B's people, memberships, sessions, roles or registry rows", async () => {
    const reads = {
      users: await asRole(requestRole, inA, 'select id from users'),
      memberships: await asRole(requestRole, inA, 'select tenant_id from users_tenants'),
      sessions: await asRole(requestRole, inA, 'select _parent_id from users_sessions'),
      roles: await asRole(requestRole, inA, 'select parent_id from users_roles'),
      tenants: await asRole(requestRole, inA, 'select id from tenants'),
    }
    expect(reads.users.rows.map((r) => r.id)).toEqual([userA.id])
    expect(reads.memberships.rows.map((r) => r.tenant_id)).toEqual([shopA.id])
    expect(reads.sessions.rows.map((r) => r._parent_id)).toEqual([userA.id])
    expect(reads.roles.rows.map((r) => r.parent_id)).toEqual([userA.id])
    expect(reads.tenants.rows.map((r) => r.id)).toEqual([shopA.id])
    // The positive control: the platform role with the bypass sees both shops' people.
    expect((await asRole(platformRole, { bypass: true }, 'select id from users')).rows.map((r) => r.id).sort()).toEqual([userA.id, userB.id].sort())
  })

  it("changes, moves and deletes nothing of B's, and makes nobody a member of B", async () => {
    expect((await asRole(requestRole, inA, `update users set name = 'owned', hash = 'x' where id = $1`, [userB.id])).rowCount).toBe(0)
    expect((await asRole(requestRole, inA, `delete from users_sessions where _parent_id = $1`, [userB.id])).rowCount).toBe(0)
    expect((await asRole(requestRole, inA, `update users_tenants set tenant_id = $1 where tenant_id = $2`, [shopA.id, shopB.id])).rowCount).toBe(0)
    expect((await asRole(requestRole, inA, `delete from users_tenants where tenant_id = $1`, [shopB.id])).rowCount).toBe(0)
    expect((await asRole(requestRole, inA, `update tenants set status = 'suspended' where id = $1`, [shopB.id])).rowCount).toBe(0)
    expect((await asRole(requestRole, inA, `delete from tenants where id = $1`, [shopB.id])).rowCount).toBe(0)
    // Moving my own membership into B, or adding one, is refused outright.
    expect(await errorOf(asRole(requestRole, inA, `update users_tenants set tenant_id = $1 where _parent_id = $2`, [shopB.id, userA.id]))).toBe('42501')
    expect(await errorOf(asRole(requestRole, inA, `insert into users_tenants (_order, _parent_id, id, tenant_id, role) values (9, $1, 'x1', $2, 'tenant-admin')`, [userA.id, shopB.id]))).toBe('42501')
    expect(await errorOf(asRole(requestRole, inA, `insert into tenants (name, slug, status) values ('x', 'rls-x', 'active')`))).toBe('42501')
    expect(await errorOf(asRole(requestRole, inA, `insert into users (email, hash, salt) values ('rls@x.test', 'h', 's')`))).toBe('42501')
    // All of B's is still there, unchanged.
    const b = await asRole(
      platformRole,
      { bypass: true },
      'select u.name, u.hash, m.tenant_id, t.status from users u join users_tenants m on m._parent_id = u.id join tenants t on t.id = m.tenant_id where u.id = $1',
      [userB.id],
    )
    expect(b.rows).toEqual([{ name: userB.name ?? null, hash: expect.not.stringMatching(/^x$/), tenant_id: shopB.id, status: 'active' }])
    expect((await asRole(platformRole, { bypass: true }, 'select count(*)::int as n from users_sessions where _parent_id = $1', [userB.id])).rows[0].n).toBe(1)
  })

  it('cannot switch the bypass on, whatever it says', async () => {
    const client = await requestRole.connect()
    try {
      await client.query(`select set_config('app.bypass_rls', 'on', false), set_config('app.tenant_ids', '{}', false), set_config('app.user_id', '', false)`)
      for (const table of ['users', 'users_tenants', 'users_sessions', 'tenants', 'products', 'audit_logs']) {
        expect((await client.query(`select count(*)::int as n from ${table}`)).rows[0]!.n, table).toBe(0)
      }
      // Nor list itself as a platform role.
      expect(await errorOf(client.query(`insert into app_platform_roles values (current_user)`))).toBe('42501')
    } finally {
      client.release(true)
    }
  })
})

describe('with no context at all', () => {
  it('the request role reads no person, membership, session or tenant', async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') })
    await client.connect()
    try {
      for (const table of ['users', 'users_tenants', 'users_roles', 'users_sessions', 'tenants', 'tenants_domains', 'payload_preferences', 'payload_preferences_rels', 'invitations']) {
        expect((await client.query(`select count(*)::int as n from ${table}`)).rows[0]!.n, table).toBe(0)
      }
    } finally {
      await client.end()
    }
  })

  it('the SECURITY DEFINER functions are not executable by PUBLIC, only by the roles that need them', async () => {
    const { rows } = await asRole(
      platformRole,
      { bypass: true },
      `
      select p.proname, has_function_privilege('public', p.oid, 'execute') as public_exec
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef order by 1`,
    )
    expect(rows.length).toBeGreaterThanOrEqual(5)
    expect(rows.filter((r) => r.public_exec)).toEqual([])
    // The request role may resolve a tenant but not purge the audit log.
    expect((await asRole(requestRole, {}, 'select app_resolve_tenant(null, $1, null) as id', [shopB.slug])).rows[0].id).toBe(shopB.id)
    expect(await errorOf(asRole(requestRole, {}, `select audit_purge(now() - interval '400 days', 1)`))).toBe('42501')
  })
})

describe('the application on top', () => {
  it("a tenant-admin of A cannot read B's people over REST, even by id", async () => {
    const token = await login(userA.email, PASSWORD)
    expect([403, 404]).toContain((await api('GET', `/users/${userB.id}`, { token })).status)
    expect((await api('GET', '/users?limit=100', { token })).body.docs.map((u: User) => u.id)).toEqual([userA.id])
  })
})
