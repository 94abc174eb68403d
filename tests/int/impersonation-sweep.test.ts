import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { scheduledTasks } from '../../src/jobs/scheduled-tasks'
import { api } from './helpers/api'
import { createStaff } from './helpers/factories'
import { grantFor, impersonationWorld, sessionHeaders, type Session } from './helpers/impersonation'
import { drainQueue } from './helpers/jobs-queue'
import { freshPayload, ownerPool } from './helpers/payload'

/**
 * The impersonation sweep (plugins/impersonation/sweep.ts): grants past their time are closed on
 * the clock even when nobody sends another request with their cookie, each closing in the shop's
 * own audit log — and nothing of a grant still in time, or of another shop, is touched.
 */
let payload: Payload
let shop: Tenant
let otherShop: Tenant
let root: User
let rootToken: string
let shopAdminToken: string
let otherAdminToken: string
let target: User

const row = async (id: string) => (await ownerPool().query(`select status, ended_at, token_hash from impersonation_grants where id = $1`, [id])).rows[0]
const backdate = (id: string) => ownerPool().query(`update impersonation_grants set expires_at = now() - interval '1 minute' where id = $1`, [id])
const sweep = async () => {
  await payload.jobs.queue({ task: 'impersonationSweep', input: {} })
  await drainQueue(payload)
}
const expiryEntries = async (token: string) =>
  (await api('GET', '/audit-logs?where[action][equals]=impersonation&where[summary][like]=expired&limit=100', { token })).body.docs as { documentId: string; summary: string; actorType?: string }[]

beforeAll(async () => {
  payload = await freshPayload()
  ;({ shop, otherShop, root, rootToken, shopAdminToken, otherAdminToken } = await impersonationWorld(payload))
  target = await createStaff(payload, shop, 'sales-operator')
})

describe('impersonation sweep', () => {
  it('is on the clock every 5 minutes', () => {
    expect(scheduledTasks(payload.config).find((task) => task.slug === 'impersonationSweep')?.schedule).toEqual([{ cron: '*/5 * * * *', queue: 'default' }])
  })

  it('closes a session that ran out and grants never started; leaves grants in time and other shops alone; each closing is in the shop’s audit log', async () => {
    const ranOut: Session = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id, approveWith: shopAdminToken, start: true })
    const approved = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id, approveWith: shopAdminToken })
    const requested = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id })
    const inTime = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id })
    const otherTarget = await createStaff(payload, otherShop, 'sales-operator')
    const otherShops = await grantFor({ rootToken, tenant: otherShop.id, targetUser: otherTarget.id })
    for (const id of [ranOut.grantId, approved.id, requested.id]) await backdate(id as string)
    expect((await row(ranOut.grantId)).token_hash).toBeTruthy()

    await sweep()

    const closed = await row(ranOut.grantId)
    expect(closed.status).toBe('expired')
    expect(closed.ended_at).not.toBeNull()
    expect(closed.token_hash).toBeNull()
    expect((await row(approved.id as string)).status).toBe('expired')
    expect((await row(requested.id as string)).status).toBe('expired')
    expect((await row(inTime.id as string)).status).toBe('requested')
    expect((await row(otherShops.id as string)).status).toBe('requested')

    // The cookie of the closed session signs nobody in as the target any more.
    expect((await api('GET', '/users/me', { headers: sessionHeaders(ranOut) })).body.user.email).toBe(root.email)

    const own = await expiryEntries(shopAdminToken)
    expect(own.map((e) => e.documentId).sort()).toEqual([ranOut.grantId, approved.id, requested.id].sort())
    expect(own.find((e) => e.documentId === ranOut.grantId)?.summary).toMatch(/session ran out/)
    expect(await expiryEntries(otherAdminToken)).toEqual([])
    // Written by the platform's clock, and said so: not by the super-admin, not by the target.
    const { rows } = await ownerPool().query(`select actor_type, actor_label, actor_user_id from audit_logs where document_id = $1 and summary like 'impersonation expired%'`, [ranOut.grantId])
    expect(rows).toEqual([{ actor_type: 'system', actor_label: 'system: impersonation: expiry sweep', actor_user_id: null }])
  })

  it('a later run closes only what ran out since: no grant is closed, or written to the log, twice', async () => {
    const count = async () => (await ownerPool().query(`select count(*)::int as n from audit_logs where action = 'impersonation' and summary like 'impersonation expired%'`)).rows[0].n as number
    const before = await count()
    const late = await grantFor({ rootToken, tenant: shop.id, targetUser: target.id })
    await backdate(late.id as string)
    await sweep()
    expect((await row(late.id as string)).status).toBe('expired')
    expect(await count()).toBe(before + 1)
  })
})
