import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { matchesNothing } from '../../src/db/deletes-of-nothing'
import { api, login } from './helpers/api'
import { createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'

/** Whose admin preferences are stored (one row per user here). */
const owners = async (): Promise<string[]> =>
  (await ownerPool().query<{ id: string }>(`select r.users_id as id from payload_preferences p join payload_preferences_rels r on r.parent_id = p.id where r.path = 'user' order by 1`)).rows.map((r) => r.id)

/**
 * Users' admin preferences (Payload's payload-preferences) survive a bulk delete of users that
 * deletes nobody. Payload then deletes the preferences of "the deleted users" with an empty id
 * list, which the PostgreSQL adapter read as "every user" (src/db/deletes-of-nothing.ts; found
 * by the fuzz test).
 */
describe('preferences and bulk deletes of users', () => {
  let payload: Payload
  let shop: Tenant
  let admin: User
  let token: { admin: string; root: string }
  const users: User[] = []

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload)
    admin = await createStaff(payload, shop, 'tenant-admin')
    const root = await createSuperAdmin(payload)
    token = { admin: await login(admin.email, PASSWORD), root: await login(root.email, PASSWORD) }
    for (const user of [admin, root, await createStaff(payload, shop, 'support-agent')]) {
      const res = await api('POST', '/payload-preferences/nav', { token: await login(user.email, PASSWORD), body: { value: { open: true } } })
      expect(res.status).toBe(200)
      users.push(user)
    }
  })

  it('a bulk delete that matches nobody deletes no one’s preferences, as the super-admin or a tenant-admin', async () => {
    const before = await owners()
    expect(before).toHaveLength(3)
    const nobody = await api('DELETE', '/users?where[id][equals]=00000000-0000-4000-8000-000000000001', { token: token.root })
    expect(nobody.status).toBe(200)
    expect(nobody.body.docs).toEqual([])
    expect(await owners()).toEqual(before)
    // A tenant-admin's bulk delete that only names users it may not delete (another shop's) also deletes nobody.
    const other = await createStaff(payload, await createTenant(payload))
    await api('DELETE', `/users?where[email][equals]=${encodeURIComponent(other.email)}`, { token: token.admin })
    expect(await owners()).toEqual(before)
  })

  it('a bulk delete of one user deletes that user’s preferences only', async () => {
    const gone = users[2]
    const res = await api('DELETE', `/users?where[id][equals]=${gone.id}`, { token: token.root })
    expect(res.body.docs.map((d: { id: string }) => d.id)).toEqual([gone.id])
    expect(await owners()).toEqual([admin.id, users[1].id].sort())
  })

  it('a person deletes their own preference by key, and only their own (Payload’s delete of one failed for everyone)', async () => {
    const before = await owners()
    const mine = await api('DELETE', '/payload-preferences/nav', { token: token.admin })
    expect(mine.status).toBe(200)
    expect(await owners()).toEqual(before.filter((id) => id !== admin.id))
    const again = await api('DELETE', '/payload-preferences/nav', { token: token.admin })
    expect([again.status, again.body.error]).toEqual([404, 'not_found'])
    expect(await owners()).toEqual(before.filter((id) => id !== admin.id))
  })

  it('matchesNothing: an `in` an empty list in every branch that must hold', () => {
    expect(matchesNothing({ id: { in: [] } })).toBe(true)
    expect(matchesNothing({ and: [{ id: { in: [] } }, { key: { equals: 'x' } }] })).toBe(true)
    expect(matchesNothing({ or: [{ and: [{ 'user.value': { in: [] } }] }, { key: { in: [] } }] })).toBe(true)
    expect(matchesNothing({ or: [{ id: { in: [] } }, { key: { equals: 'x' } }] })).toBe(false)
    expect(matchesNothing({ id: { in: ['a'] } })).toBe(false)
    expect(matchesNothing({ id: { not_in: [] } })).toBe(false)
    expect(matchesNothing({ or: [] })).toBe(false)
    expect(matchesNothing(undefined)).toBe(false)
  })
})
