import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { api, graphql, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'
import { grantFor, impersonationWorld, sessionHeaders, type Session } from './helpers/impersonation'

/**
 * Consented impersonation (issue 21, plugins/impersonation): request → the shop's approval (or
 * break-glass) → a time-boxed, read-only session as the target user through the app's own scope
 * → end or expiry back to the super-admin's own session; every request in the shop's audit log.
 * Attacks from another shop's admin and from a freshly signed-up stranger, over REST and GraphQL.
 */
let payload: Payload
let shop: Tenant
let otherShop: Tenant
let root: User
let rootToken: string
let shopAdmin: User
let shopAdminToken: string
let target: User
let otherAdminToken: string

const grantRow = (id: string) => asSystem(() => payload.findByID({ collection: 'impersonation-grants', id, depth: 0, overrideAccess: true }))
const me = async (s: Session) => (await api('GET', '/users/me', { headers: sessionHeaders(s) })).body.user as User

beforeAll(async () => {
  payload = await freshPayload()
  ;({ shop, otherShop, root, rootToken, shopAdmin, shopAdminToken, otherAdminToken } = await impersonationWorld(payload))
  // The target also works for another shop: that membership must never show.
  target = await createStaff(payload, shop, 'sales-operator')
  await asSystem(() => payload.update({ collection: 'users', id: target.id, data: { tenants: [...(target.tenants ?? []), { tenant: otherShop.id, role: 'tenant-admin' }] }, overrideAccess: true }))
  await createProduct(payload, shop, { name: 'Shop product' })
  await createProduct(payload, otherShop, { name: 'Other shop product' })
})

describe('the approval flow', () => {
  let session: Session

  it('a request waits for the shop; the requester cannot start it before approval', async () => {
    const grant = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id })
    expect(grant.status).toBe('requested')
    expect(grant.readOnly).toBe(true)
    const early = await api('POST', `/impersonation/${grant.id}/start`, { token: rootToken })
    expect(early.status).toBe(409)
    expect(early.body.error).toBe('conflict')
  })

  it('the super-admin cannot approve for the shop; its tenant-admin can, once', async () => {
    const grant = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id })
    expect((await api('POST', `/impersonation/${grant.id}/approve`, { token: rootToken })).status).toBe(403)
    const ok = await api('POST', `/impersonation/${grant.id}/approve`, { token: shopAdminToken })
    expect(ok.status).toBe(200)
    expect(ok.body.grant.status).toBe('approved')
    expect((await api('POST', `/impersonation/${grant.id}/approve`, { token: shopAdminToken })).status).toBe(409)
  })

  it('the shop’s tenant-admin withdraws consent from a running session: it stops at the next request', async () => {
    const session = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id, approveWith: shopAdminToken, start: true })
    expect((await me(session)).email).toBe(target.email)
    const deny = await api('POST', `/impersonation/${session.grantId}/deny`, { token: shopAdminToken })
    expect(deny.status).toBe(200)
    expect((await me(session)).email).toBe(root.email)
    expect((await api('POST', `/impersonation/${session.grantId}/start`, { token: rootToken })).status).toBe(409)
  })

  it('a denied request cannot be started', async () => {
    const grant = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id })
    expect((await api('POST', `/impersonation/${grant.id}/deny`, { token: shopAdminToken })).body.grant.status).toBe('denied')
    expect((await api('POST', `/impersonation/${grant.id}/start`, { token: rootToken })).status).toBe(409)
  })

  it('the session runs as the target user, in the shop only, with only that membership visible', async () => {
    session = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id, approveWith: shopAdminToken, start: true })
    const user = await me(session)
    expect(user.email).toBe(target.email)
    expect(user.tenants?.map((m) => (typeof m.tenant === 'string' ? m.tenant : m.tenant.id))).toEqual([shop.id])
    const products = await api('GET', '/products?limit=50', { headers: sessionHeaders(session) })
    expect(products.status).toBe(200)
    expect(products.body.docs.map((p: { name: string }) => p.name)).toEqual(['Shop product'])
    // No platform bypass: the target's other shop (where it is tenant-admin) is out of reach too.
    const other = await api('GET', '/products', { headers: { ...sessionHeaders(session), 'x-tenant': otherShop.slug } })
    expect(other.status).toBe(403)
    const tenants = await api('GET', '/tenants', { headers: sessionHeaders(session) })
    expect(tenants.body.docs.map((t: Tenant) => t.id)).toEqual([shop.id])
    // The role is the target's: a sales-operator reads no leads.
    expect((await api('GET', '/leads', { headers: sessionHeaders(session) })).body.docs ?? []).toEqual([])
    const gql = await graphql('{ Users { docs { email tenants { tenant { id } } } } }', { headers: sessionHeaders(session) })
    const tenantIds = (gql.body.data?.Users?.docs ?? []).flatMap((u: { tenants?: { tenant?: { id: string } }[] }) => (u.tenants ?? []).map((m) => m.tenant?.id))
    expect(tenantIds).not.toContain(otherShop.id)
  })

  it('a read-only session refuses writes with 403 impersonation_read_only over REST, GraphQL and custom endpoints', async () => {
    const product = (await api('GET', '/products', { headers: sessionHeaders(session) })).body.docs[0]
    const rest = await api('PATCH', `/products/${product.id}`, { headers: sessionHeaders(session), body: { stock: 99 } })
    expect(rest.status).toBe(403)
    expect(rest.body.error).toBe('impersonation_read_only')
    const gql = await graphql(`mutation { updateProduct(id: "${product.id}", data: { stock: 98 }) { id } }`, { headers: sessionHeaders(session) })
    expect(gql.body.errors?.[0]?.extensions?.code).toBe('impersonation_read_only')
    const custom = await api('POST', `/conversations/${product.id}/read`, { headers: sessionHeaders(session), body: {} })
    expect(custom.status).toBe(403)
    expect(custom.body.error).toBe('impersonation_read_only')
    expect((await asSystem(() => payload.findByID({ collection: 'products', id: product.id, overrideAccess: true }))).stock).toBe(5)
  })

  it('inside a session no grant can be requested, approved or started', async () => {
    const res = await api('POST', '/impersonation/request', { headers: sessionHeaders(session), body: { tenant: shop.id, targetUser: shopAdmin.id, reason: 'nested impersonation' } })
    expect(res.status).toBe(403)
    expect((await api('GET', '/impersonation-grants', { headers: sessionHeaders(session) })).body.docs ?? []).toEqual([])
  })

  it('every request is in the shop’s own audit log with both identities', async () => {
    const { rows } = await ownerPool().query(`select tenant_id, actor_user_id, impersonator_id, summary from audit_logs where action = 'impersonation' and impersonator_id is not null`)
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) {
      expect(row.tenant_id).toBe(shop.id)
      expect(row.actor_user_id).toBe(target.id)
      expect(row.impersonator_id).toBe(root.id)
    }
    // The shop's tenant-admin reads them; another shop's does not.
    const own = await api('GET', '/audit-logs?where[action][equals]=impersonation&limit=100', { token: shopAdminToken })
    expect(own.body.docs.length).toBeGreaterThan(5)
    const foreign = await api('GET', '/audit-logs?where[action][equals]=impersonation&limit=100', { token: otherAdminToken })
    expect(foreign.body.docs).toEqual([])
  })

  it('ending returns the super-admin to their own session, and the cookie cannot be replayed', async () => {
    const end = await api('POST', '/impersonation/end', { headers: sessionHeaders(session), body: {} })
    expect(end.status).toBe(200)
    expect(end.body.ended).toBe(1)
    expect(end.headers.get('set-cookie')).toMatch(/emk-impersonation=;/)
    expect((await me(session)).email).toBe(root.email)
    expect((await grantRow(session.grantId)).status).toBe('ended')
    expect((await api('POST', `/impersonation/${session.grantId}/start`, { token: rootToken })).status).toBe(409)
  })
})

describe('a writable session', () => {
  it('writes as the target (its access), every change audited with both identities; accounts and tokens stay out of reach', async () => {
    const session = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id, approveWith: shopAdminToken, start: true, readOnly: false })
    const product = (await api('GET', '/products', { headers: sessionHeaders(session) })).body.docs[0]
    const stock = await api('PATCH', `/products/${product.id}`, { headers: sessionHeaders(session), body: { stock: 7 } })
    expect(stock.status, JSON.stringify(stock.body)).toBe(200)
    // A sales-operator may change the stock only: the target's field limits hold.
    expect((await api('PATCH', `/products/${product.id}`, { headers: sessionHeaders(session), body: { name: 'Renamed' } })).status).toBe(403)
    const { rows } = await ownerPool().query(`select actor_user_id, impersonator_id, impersonator_label from audit_logs where action = 'update' and document_id = $1`, [product.id])
    expect(rows).toEqual([{ actor_user_id: target.id, impersonator_id: root.id, impersonator_label: root.email }])
    // The person's account is theirs: no change to it from a session.
    const account = await api('PATCH', `/users/${target.id}`, { headers: sessionHeaders(session), body: { name: 'Taken over' } })
    expect(account.status).toBe(403)
    // A refresh renews the super-admin's own token, never one of the target's.
    const refresh = await api('POST', '/users/refresh-token', { headers: sessionHeaders(session), body: {} })
    expect(refresh.status, JSON.stringify(refresh.body)).toBe(200)
    expect(refresh.body.user.email).toBe(root.email)
    expect((await api('GET', '/users/me', { token: refresh.body.refreshedToken })).body.user.email).toBe(root.email)
    // Signing out would write the target's row: end the session first.
    const before = (await ownerPool().query(`select count(*)::int as n from users_sessions where _parent_id = $1`, [target.id])).rows[0].n
    const logout = await api('POST', '/users/logout?allSessions=true', { headers: sessionHeaders(session), body: {} })
    expect(logout.status).toBe(403)
    expect((await ownerPool().query(`select count(*)::int as n from users_sessions where _parent_id = $1`, [target.id])).rows[0].n).toBe(before)
    await api('POST', '/impersonation/end', { headers: sessionHeaders(session), body: {} })
  })
})

describe('expiry', () => {
  it('a session that runs out mid-way stops authorising at once and is marked expired', async () => {
    const session = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id, approveWith: shopAdminToken, start: true, minutes: 1 })
    expect((await me(session)).email).toBe(target.email)
    await ownerPool().query(`update impersonation_grants set expires_at = now() - interval '1 second' where id = $1`, [session.grantId])
    const after = await api('GET', '/users/me', { headers: sessionHeaders(session) })
    expect(after.body.user.email).toBe(root.email)
    expect(after.headers.get('set-cookie')).toMatch(/emk-impersonation=;/)
    expect((await grantRow(session.grantId)).status).toBe('expired')
  })

  it('minutes beyond the configured maximum are refused with a 400 naming the field', async () => {
    const res = await api('POST', '/impersonation/request', { token: rootToken, body: { tenant: shop.id, targetUser: target.id, reason: 'long session please', minutes: 100000 } })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['minutes'])
  })
})

describe('break-glass', () => {
  it('needs a reason, and applies only to a suspended or abandoned shop', async () => {
    const noReason = await api('POST', '/impersonation/request', { token: rootToken, body: { tenant: shop.id, targetUser: target.id, breakGlass: true } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason'])
    const active = await api('POST', '/impersonation/request', { token: rootToken, body: { tenant: shop.id, targetUser: target.id, breakGlass: true, reason: 'customer complaint' } })
    expect(active.status).toBe(403)
    expect(active.body.errors[0].path).toBe('breakGlass')
  })

  it('an abandoned shop (no tenant-admin) is approved at once, read-only, and audited with its reason', async () => {
    const abandoned = await createTenant(payload)
    const clerk = await createStaff(payload, abandoned, 'support-agent')
    const grant = await grantFor({ rootToken, tenant: abandoned.id, targetUser: clerk.id, breakGlass: true, readOnly: false, reason: 'owner unreachable, orders stuck' })
    expect(grant).toMatchObject({ status: 'approved', breakGlass: true, breakGlassBasis: 'abandoned', readOnly: true })
    const session = await grantFor({ rootToken, existing: grant.id, start: true })
    expect((await me(session)).email).toBe(clerk.email)
    const { rows } = await ownerPool().query(`select summary from audit_logs where tenant_id = $1 and action = 'impersonation' order by created_at`, [abandoned.id])
    expect(rows[0].summary).toMatch(/break-glass \(abandoned\): owner unreachable/)
    await api('POST', '/impersonation/end', { headers: sessionHeaders(session), body: {} })
  })

  it('a suspended shop is approved at once with the basis "suspended"', async () => {
    const suspended = await createTenant(payload, { status: 'suspended', suspendedReason: 'Unpaid invoice' })
    const clerk = await createStaff(payload, suspended, 'tenant-admin')
    await createProduct(payload, suspended, { name: 'Suspended shop product' })
    const grant = await grantFor({ rootToken, tenant: suspended.id, targetUser: clerk.id, breakGlass: true, reason: 'checking a dispute' })
    expect(grant).toMatchObject({ status: 'approved', breakGlassBasis: 'suspended' })
    // Its own staff are shut out; the break-glass session reads it, and writes nothing.
    expect((await api('POST', '/users/login', { body: { email: clerk.email, password: PASSWORD } })).status).toBe(403)
    const session = await grantFor({ rootToken, existing: grant.id, start: true })
    const products = await api('GET', '/products', { headers: sessionHeaders(session) })
    expect(products.status, JSON.stringify(products.body)).toBe(200)
    expect(products.body.docs.map((p: { name: string }) => p.name)).toEqual(['Suspended shop product'])
    const write = await api('PATCH', `/products/${products.body.docs[0].id}`, { headers: sessionHeaders(session), body: { stock: 1 } })
    expect(write.body.error).toBe('impersonation_read_only')
    await api('POST', '/impersonation/end', { headers: sessionHeaders(session), body: {} })
    // Ended, the same cookie is the super-admin's own session again, and the shop stays closed to its staff.
    expect((await me(session)).email).toBe(root.email)
    expect((await api('POST', '/users/login', { body: { email: clerk.email, password: PASSWORD } })).status).toBe(403)
  })
})

describe('attacks', () => {
  let stranger: { token: string; user: User; shop: Tenant }
  let pending: Record<string, any>

  beforeAll(async () => {
    const slug = `evil-${Date.now().toString(36)}`
    const email = `${slug}@attacker.test`
    expect((await api('POST', '/tenants/signup', { body: { shopName: 'Evil Shop', slug, name: 'Mallory', email, password: 'attacker-password' } })).status).toBe(202)
    const token = await login(email, 'attacker-password')
    const user = (await api('GET', '/users/me', { token })).body.user as User
    const own = (await asSystem(() => payload.find({ collection: 'tenants', where: { slug: { equals: slug } }, overrideAccess: true }))).docs[0]
    stranger = { token, user, shop: own }
    pending = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id })
  })

  it('only the super-admin may request, even for the caller’s own shop', async () => {
    for (const token of [stranger.token, shopAdminToken, otherAdminToken]) {
      const res = await api('POST', '/impersonation/request', { token, body: { tenant: stranger.shop.id, targetUser: stranger.user.id, reason: 'let me be someone else' } })
      expect(res.status).toBe(403)
      expect(res.body.error).toBe('forbidden')
    }
    expect((await api('POST', '/impersonation/request', { body: { tenant: shop.id, targetUser: target.id, reason: 'anonymous attempt' } })).status).toBe(401)
  })

  it('another shop’s tenant-admin and the stranger cannot approve, deny, start or read the grant (REST and GraphQL)', async () => {
    for (const token of [stranger.token, otherAdminToken]) {
      for (const action of ['approve', 'deny']) expect((await api('POST', `/impersonation/${pending.id}/${action}`, { token })).status).toBe(404)
      expect((await api('POST', `/impersonation/${pending.id}/start`, { token })).status).toBe(403)
      expect((await api('GET', `/impersonation-grants/${pending.id}`, { token })).status).toBe(404)
      expect((await api('GET', '/impersonation-grants', { token })).body.docs).toEqual([])
      const gql = await graphql(`{ ImpersonationGrants { docs { id reason } } ImpersonationGrant(id: "${pending.id}") { id } }`, { token })
      expect(gql.body.data?.ImpersonationGrants?.docs ?? []).toEqual([])
      expect(gql.body.data?.ImpersonationGrant ?? null).toBeNull()
      const write = await graphql(`mutation { updateImpersonationGrant(id: "${pending.id}", data: { status: approved }) { id } }`, { token })
      expect(write.body.errors?.length).toBeGreaterThan(0)
    }
    expect((await grantRow(pending.id)).status).toBe('requested')
  })

  it('nobody writes grants through the collection’s API, not even the super-admin', async () => {
    expect((await api('PATCH', `/impersonation-grants/${pending.id}`, { token: rootToken, body: { status: 'approved' } })).status).toBe(403)
    expect(
      (
        await api('POST', '/impersonation-grants', {
          token: shopAdminToken,
          body: { tenant: shop.id, targetUser: target.id, requester: root.id, reason: 'x'.repeat(20), minutes: 5, expiresAt: new Date().toISOString(), status: 'active' },
        })
      ).status,
    ).toBe(403)
  })

  it('a stolen session cookie does nothing without its super-admin’s own session', async () => {
    const session = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id, approveWith: shopAdminToken, start: true })
    const stolen = { cookie: sessionHeaders(session).cookie }
    const asStranger = await api('GET', '/users/me', { token: stranger.token, headers: stolen })
    expect(asStranger.body.user.email).toBe(stranger.user.email)
    expect((await api('GET', '/users/me', { headers: stolen })).body.user).toBeNull()
    const forged = await api('GET', '/users/me', { token: rootToken, headers: { cookie: `emk-impersonation=${session.grantId}.${'A'.repeat(43)}` } })
    expect(forged.body.user.email).toBe(root.email)
    // The token's hash is never read back nor queryable, not even by the super-admin.
    const read = await api('GET', `/impersonation-grants/${session.grantId}`, { token: rootToken })
    expect(read.status).toBe(200)
    expect(read.body).not.toHaveProperty('tokenHash')
    const probe = await api('GET', '/impersonation-grants?where[tokenHash][exists]=true', { token: rootToken })
    expect(probe.body.docs ?? []).toEqual([])
    await api('POST', '/impersonation/end', { headers: sessionHeaders(session), body: {} })
  })

  it('bad ids and bodies answer 4xx that say what to fix', async () => {
    expect((await api('POST', '/impersonation/not-a-uuid/approve', { token: shopAdminToken })).status).toBe(404)
    const bad = await api('POST', '/impersonation/request', { token: rootToken, body: { tenant: 'x', targetUser: 1, reason: 5, readOnly: 'no' } })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['readOnly', 'reason', 'targetUser', 'tenant'])
    const foreignTarget = await api('POST', '/impersonation/request', { token: rootToken, body: { tenant: shop.id, targetUser: stranger.user.id, reason: 'not a member here' } })
    expect(foreignTarget.status).toBe(400)
    expect(foreignTarget.body.errors[0].path).toBe('targetUser')
  })
})
