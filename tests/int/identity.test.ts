import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp'
import { api, graphql, login } from './helpers/api'
import { routeEmailTo } from './helpers/email'
import { asSystem, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'

/**
 * No one takes over another person's account (issue #13). The attacker is a stranger who signed
 * up a shop of their own; the victims are the platform's super-admin and another shop's admin.
 * Every step is tried over REST, GraphQL and the Local API.
 */
let payload: Payload
let smtp: FakeSmtp
let restoreEmail: () => void
let victimShop: Tenant
let root: User
let victimAdmin: User

const accountOf = (id: string) => asSystem(() => payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true }))
const canLogin = async (email: string, password: string) => (await api('POST', '/users/login', { body: { email, password } })).status === 200

beforeAll(async () => {
  payload = await freshPayload()
  smtp = await startFakeSmtp()
  restoreEmail = await routeEmailTo(payload, smtp.url)
  victimShop = await createTenant(payload)
  root = await createSuperAdmin(payload)
  victimAdmin = await createStaff(payload, victimShop, 'tenant-admin')
  await asSystem(() => payload.create({ collection: 'customers', data: { tenant: victimShop.id, name: 'Secret customer', phone: '+8801711000009' }, overrideAccess: true }))
})
afterAll(async () => {
  restoreEmail()
  await smtp.close()
})

/** Step 1: a stranger signs up a shop of their own and signs in as its tenant-admin. */
async function signUpAttacker(slug: string): Promise<{ token: string; user: User; shop: Tenant }> {
  const email = `${slug}@attacker.test`
  const res = await api('POST', '/tenants/signup', { body: { shopName: 'Evil Shop', slug, name: 'Mallory', email, password: 'attacker-password' } })
  expect(res.status).toBe(202)
  const token = await login(email, 'attacker-password')
  const me = (await api('GET', '/users/me', { token })).body.user as User
  const shop = (await asSystem(() => payload.find({ collection: 'tenants', where: { slug: { equals: slug } }, overrideAccess: true }))).docs[0]
  return { token, user: me, shop }
}

describe.each([
  ['the platform super-admin', () => root],
  ["another shop's tenant-admin", () => victimAdmin],
])('the four-request takeover of %s fails at every step', (_label, victimOf) => {
  let attacker: Awaited<ReturnType<typeof signUpAttacker>>
  let victim: User
  beforeAll(async () => {
    victim = victimOf()
    attacker = await signUpAttacker(`evil-${victim.id.slice(0, 8)}`)
  })

  it('an invitation adds no membership to an existing account; the answer is the same as for an unknown email', async () => {
    const known = await api('POST', `/tenants/${attacker.shop.id}/invite`, { token: attacker.token, body: { email: victim.email, role: 'support-agent' } })
    const unknown = await api('POST', `/tenants/${attacker.shop.id}/invite`, { token: attacker.token, body: { email: `nobody-${victim.id}@example.test`, role: 'support-agent' } })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(unknown.body).sort())
    expect((await accountOf(victim.id)).tenants?.map((t) => t.tenant)).not.toContain(attacker.shop.id)
  })

  it('the victim cannot be updated over REST, GraphQL or the Local API, and their password still works', async () => {
    const rest = await api('PATCH', `/users/${victim.id}`, { token: attacker.token, body: { password: 'owned-password-1' } })
    expect([403, 404]).toContain(rest.status)
    const gql = await graphql(
      `
        mutation ($id: String!) {
          updateUser(id: $id, data: { password: "owned-password-2", email: "mallory@attacker.test" }) {
            id
          }
        }
      `,
      {
        token: attacker.token,
        variables: { id: victim.id },
      },
    )
    expect(gql.body.errors?.length).toBeGreaterThan(0)
    const mallory = await accountOf(attacker.user.id)
    await expect(payload.update({ collection: 'users', id: victim.id, data: { password: 'owned-password-3' }, overrideAccess: false, user: { ...mallory, collection: 'users' } })).rejects.toThrow()
    const after = await accountOf(victim.id)
    expect(after.email).toBe(victim.email)
    for (const password of ['owned-password-1', 'owned-password-2', 'owned-password-3']) expect(await canLogin(victim.email, password)).toBe(false)
    expect(await canLogin(victim.email, PASSWORD)).toBe(true)
  })

  it("the attacker reads nothing of the victim's shop", async () => {
    const customers = await api('GET', '/customers', { token: attacker.token, headers: { 'x-tenant-id': victimShop.id } })
    expect([403, 404]).toContain(customers.status)
    expect((await api('GET', '/customers?limit=100', { token: attacker.token })).body.docs ?? []).toEqual([])
    const users = await api('GET', '/users?limit=100', { token: attacker.token })
    expect(users.body.docs.map((u: User) => u.id)).toEqual([attacker.user.id])
  })
})

describe("Payload's first-user registration", () => {
  it('is closed once any account exists, though a stranger sees none of them', async () => {
    expect((await api('GET', '/users/init')).body).toEqual({ initialized: true })
    const res = await api('POST', '/users/first-register', { body: { email: 'first@attacker.test', password: 'attacker-password', 'confirm-password': 'attacker-password', roles: ['super-admin'] } })
    expect(res.status).toBe(403)
    expect((await asSystem(() => payload.count({ collection: 'users', where: { email: { equals: 'first@attacker.test' } }, overrideAccess: true }))).totalDocs).toBe(0)
  })
})

describe('a tenant-admin and a person who also belongs to another shop', () => {
  let shopA: Tenant
  let shopB: Tenant
  let adminA: User
  let tokenA: string
  let shared: User
  beforeAll(async () => {
    shopA = await createTenant(payload)
    shopB = await createTenant(payload)
    adminA = await createStaff(payload, shopA, 'tenant-admin')
    tokenA = await login(adminA.email, PASSWORD)
    shared = await createStaff(payload, [shopA, shopB], 'sales-operator')
  })

  it("sees only the person's membership in its own shop, over REST and GraphQL", async () => {
    const rest = await api('GET', `/users/${shared.id}?depth=0`, { token: tokenA })
    expect(rest.status).toBe(200)
    expect(rest.body.tenants.map((t: { tenant: string }) => t.tenant)).toEqual([shopA.id])
    const gql = await graphql<{ User: { tenants: { tenant: { id: string } }[] } }>(
      `
        query ($id: String!) {
          User(id: $id) {
            tenants {
              tenant {
                id
              }
              role
            }
          }
        }
      `,
      {
        token: tokenA,
        variables: { id: shared.id },
      },
    )
    expect(gql.body.data?.User.tenants.map((t) => t.tenant.id)).toEqual([shopA.id])
    // The person sees both of their own.
    const own = await login(shared.email, PASSWORD)
    expect((await api('GET', '/users/me', { token: own })).body.user.tenants).toHaveLength(2)
  })

  it('cannot change their password or email, lock, unlock or delete them', async () => {
    for (const body of [{ password: 'taken-over-1' }, { email: 'stolen@attacker.test' }, { name: 'Renamed' }]) {
      const res = await api('PATCH', `/users/${shared.id}`, { token: tokenA, body })
      expect(res.status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(403)
    }
    // Sign-in state is Payload's own: refused or ignored, never stored.
    for (const body of [{ loginAttempts: 99 }, { lockUntil: new Date(Date.now() + 3_600_000).toISOString() }]) {
      const res = await api('PATCH', `/users/${shared.id}`, { token: tokenA, body })
      expect([200, 403]).toContain(res.status)
    }
    const [raw] = (await ownerPool().query('select login_attempts, lock_until from users where id = $1', [shared.id])).rows
    expect(raw).toEqual({ login_attempts: '0', lock_until: null })
    expect((await api('POST', '/users/unlock', { token: tokenA, body: { email: shared.email } })).status).toBe(403)
    const del = await api('DELETE', `/users/${shared.id}`, { token: tokenA })
    expect(del.status).toBe(403)
    expect(del.body.message).toMatch(/remove them from your shop/)
    const after = await accountOf(shared.id)
    expect({ email: after.email, name: after.name ?? null, tenants: after.tenants?.length }).toEqual({ email: shared.email, name: shared.name ?? null, tenants: 2 })
    expect(await canLogin(shared.email, PASSWORD)).toBe(true)
  })

  it('changes their role in its shop and removes them from it; their other shop is untouched', async () => {
    const role = await api('PATCH', `/users/${shared.id}`, { token: tokenA, body: { tenants: [{ tenant: shopA.id, role: 'support-agent' }] } })
    expect(role.status, JSON.stringify(role.body)).toBe(200)
    const sorted = (rows: (string | null | undefined)[][] | undefined) => [...(rows ?? [])].sort((x, y) => String(x[0]).localeCompare(String(y[0])))
    expect(sorted((await accountOf(shared.id)).tenants?.map((t) => [t.tenant as string, t.role]))).toEqual(
      sorted([
        [shopA.id, 'support-agent'],
        [shopB.id, 'sales-operator'],
      ]),
    )
    // Adding a shop to an existing person is not an edit: it takes an invitation.
    const shopC = await createTenant(payload)
    const adminAC = await createStaff(payload, [shopA, shopC], 'tenant-admin')
    const tokenAC = await login(adminAC.email, PASSWORD)
    const add = await api('PATCH', `/users/${shared.id}`, {
      token: tokenAC,
      body: {
        tenants: [
          { tenant: shopA.id, role: 'support-agent' },
          { tenant: shopC.id, role: 'tenant-admin' },
        ],
      },
    })
    expect(add.status).toBe(403)
    expect(add.body.message).toMatch(/accepting an invitation/)
    const removed = await api('PATCH', `/users/${shared.id}`, { token: tokenA, body: { tenants: [] } })
    expect(removed.status).toBeLessThan(300)
    expect((await accountOf(shared.id)).tenants?.map((t) => [t.tenant, t.role])).toEqual([[shopB.id, 'sales-operator']])
    expect(await canLogin(shared.email, PASSWORD)).toBe(true)
  })

  it('deletes an account whose only shop is its own, never a super-admin', async () => {
    const only = await createStaff(payload, shopA, 'support-agent')
    expect((await api('DELETE', `/users/${only.id}`, { token: tokenA })).status).toBe(200)
    expect((await asSystem(() => payload.count({ collection: 'users', where: { id: { equals: only.id } }, overrideAccess: true }))).totalDocs).toBe(0)
    expect([403, 404]).toContain((await api('DELETE', `/users/${root.id}`, { token: tokenA })).status)
    expect((await accountOf(root.id)).id).toBe(root.id)
  })

  it('creates no account directly: people join by invitation', async () => {
    const res = await api('POST', '/users', { token: tokenA, body: { email: 'direct@example.test', password: PASSWORD, tenants: [{ tenant: shopA.id, role: 'support-agent' }] } })
    expect(res.status).toBe(403)
  })
})

describe('a person changes their own credentials', () => {
  let user: User
  let token: string
  beforeAll(async () => {
    const shop = await createTenant(payload)
    user = await createStaff(payload, shop, 'support-agent')
    token = await login(user.email, PASSWORD)
  })

  it('needs the current password to change the password or email', async () => {
    const without = await api('PATCH', `/users/${user.id}`, { token, body: { password: 'my-new-password' } })
    expect(without.status).toBe(400)
    expect(without.body.errors[0].path).toBe('currentPassword')
    const wrong = await api('PATCH', `/users/${user.id}`, { token, body: { email: 'new@example.test', currentPassword: 'not-my-password' } })
    expect(wrong.status).toBe(400)
    expect(await canLogin(user.email, PASSWORD)).toBe(true)
    const ok = await api('PATCH', `/users/${user.id}`, { token, body: { password: 'my-new-password', currentPassword: PASSWORD, name: 'Me' } })
    expect(ok.status).toBe(200)
    expect(JSON.stringify(ok.body)).not.toContain('currentPassword')
    expect(await canLogin(user.email, 'my-new-password')).toBe(true)
  })

  it('cannot write their own sign-in state or give themselves a shop', async () => {
    await ownerPool().query(`update users set login_attempts = 3 where id = $1`, [user.id])
    const res = await api('PATCH', `/users/${user.id}`, { token, body: { loginAttempts: 0, lockUntil: null } })
    expect([200, 403]).toContain(res.status)
    expect((await ownerPool().query('select login_attempts from users where id = $1', [user.id])).rows[0]).toEqual({ login_attempts: '3' })
    const other = await createTenant(payload)
    const join = await api('PATCH', `/users/${user.id}`, { token, body: { tenants: [...(user.tenants ?? []).map((t) => ({ tenant: t.tenant, role: t.role })), { tenant: other.id, role: 'tenant-admin' }] } })
    expect([200, 403]).toContain(join.status)
    expect((await accountOf(user.id)).tenants?.map((t) => t.tenant)).not.toContain(other.id)
    // A tenant-admin may not give itself another shop either.
    const admin = await createStaff(payload, await createTenant(payload), 'tenant-admin')
    const adminToken = await login(admin.email, PASSWORD)
    const grab = await api('PATCH', `/users/${admin.id}`, {
      token: adminToken,
      body: { tenants: [...(admin.tenants ?? []).map((t) => ({ tenant: t.tenant, role: t.role })), { tenant: other.id, role: 'tenant-admin' }] },
    })
    expect(grab.status).toBe(403)
    expect((await accountOf(admin.id)).tenants?.map((t) => t.tenant)).not.toContain(other.id)
  })
})

describe('suspension is enforced on identity too', () => {
  it("a suspended shop's admin can neither invite, nor manage its people, nor refresh its session", async () => {
    const shop = await createTenant(payload)
    const admin = await createStaff(payload, shop, 'tenant-admin')
    const member = await createStaff(payload, shop, 'support-agent')
    const token = await login(admin.email, PASSWORD)
    await asSystem(() => payload.update({ collection: 'tenants', id: shop.id, data: { status: 'suspended', suspendedReason: 'unpaid' }, overrideAccess: true }))
    expect((await api('POST', `/tenants/${shop.id}/invite`, { token, body: { email: 'late@example.test' } })).status).toBe(403)
    expect([403, 404]).toContain((await api('PATCH', `/users/${member.id}`, { token, body: { tenants: [] } })).status)
    expect([403, 404]).toContain((await api('DELETE', `/users/${member.id}`, { token })).status)
    const refresh = await api('POST', '/users/refresh-token', { token })
    expect(refresh.status).toBe(403)
    expect(refresh.body.message).toMatch(/is suspended/)
  })
})

describe('API keys and platform collections', () => {
  it('a revoked API key stays revoked', async () => {
    const shop = await createTenant(payload)
    const admin = await createStaff(payload, shop, 'tenant-admin')
    const token = await login(admin.email, PASSWORD)
    const key = await api('POST', '/api-keys', { token, body: { label: 'Shop', scopes: ['catalog-read'] } })
    expect(key.status).toBe(201)
    expect((await api('PATCH', `/api-keys/${key.body.doc.id}`, { token, body: { revoked: true } })).status).toBe(200)
    const back = await api('PATCH', `/api-keys/${key.body.doc.id}`, { token, body: { revoked: false } })
    expect(back.status).toBe(400)
    expect(back.body.message).toMatch(/cannot be restored/)
    expect((await api('GET', '/products', { headers: { 'x-api-key': key.body.doc.key } })).status).toBe(401)
  })

  it('there is no document-lock collection to list, create or delete locks with', async () => {
    const shop = await createTenant(payload)
    const admin = await createStaff(payload, shop, 'tenant-admin')
    const token = await login(admin.email, PASSWORD)
    expect((await api('GET', '/payload-locked-documents', { token })).status).toBe(404)
    expect((await api('POST', '/payload-locked-documents', { token, body: { document: { relationTo: 'tenants', value: victimShop.id } } })).status).toBe(404)
    expect(payload.collections['payload-locked-documents' as never]).toBeUndefined()
  })

  it("preferences are their owner's only, over REST and in the database", async () => {
    const shop = await createTenant(payload)
    const [a, b] = [await createStaff(payload, shop, 'tenant-admin'), await createStaff(payload, shop, 'tenant-admin')]
    const [tokenA, tokenB] = [await login(a.email, PASSWORD), await login(b.email, PASSWORD)]
    expect((await api('POST', '/payload-preferences/orders-list', { token: tokenA, body: { value: { columns: ['secret'] } } })).status).toBeLessThan(300)
    expect((await api('GET', '/payload-preferences/orders-list', { token: tokenA })).body.value).toEqual({ columns: ['secret'] })
    const seenByB = await api('GET', '/payload-preferences/orders-list', { token: tokenB })
    expect(seenByB.body?.value ?? null).toBeNull()
    const listed = await api('GET', '/payload-preferences?limit=100', { token: tokenB })
    expect(JSON.stringify(listed.body)).not.toContain('secret')
    expect((await api('DELETE', '/payload-preferences/orders-list', { token: tokenB })).status).toBeGreaterThanOrEqual(400)
    expect((await api('GET', '/payload-preferences/orders-list', { token: tokenA })).body.value).toEqual({ columns: ['secret'] })
  })
})
