import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { queueTenantPurges } from '../../src/tenancy/purge-tenant'
import { queueTrialChecks } from '../../src/tenancy/trial-expiry'
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp'
import { api, login } from './helpers/api'
import { routeEmailTo } from './helpers/email'
import { asSystem, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { freshPayload, ownerPool } from './helpers/payload'
import { createAsSystem, tenantFixture } from './helpers/samples'

describe('tenant lifecycle', () => {
  let payload: Payload
  let root: string
  let shop: Tenant
  let staff: User
  let smtp: FakeSmtp
  let restoreEmail: () => void

  const patchTenant = (id: string, body: object) => api('PATCH', `/tenants/${id}`, { token: root, body })
  const entriesFor = async (tenantId: string, action: string) => (await ownerPool().query('select summary from audit_logs where tenant_id = $1 and action = $2', [tenantId, action])).rows

  beforeAll(async () => {
    payload = await freshPayload()
    smtp = await startFakeSmtp()
    restoreEmail = await routeEmailTo(payload, smtp.url)
    root = await login((await createSuperAdmin(payload)).email, PASSWORD)
    shop = await createTenant(payload, { name: 'Lifecycle Shop' })
    staff = await createStaff(payload, shop, 'tenant-admin')
  })
  afterAll(async () => {
    restoreEmail()
    await smtp.close()
  })

  it('suspending needs a reason; staff are told it at sign-in, API keys and the storefront get 403; reactivating restores all', async () => {
    const noReason = await patchTenant(shop.id, { status: 'suspended' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.message).toMatch(/Give a reason to suspend/)

    const key = (await asSystem(() => payload.create({ collection: 'api-keys', data: { tenant: shop.id, label: 'k', scopes: ['catalog-read'] }, overrideAccess: true }))) as unknown as { key: string }
    const suspended = await patchTenant(shop.id, { status: 'suspended', suspendedReason: 'Unpaid invoice' })
    expect(suspended.status).toBe(200)
    expect(suspended.body.doc).toMatchObject({ status: 'suspended', suspendedReason: 'Unpaid invoice' })
    expect(suspended.body.doc.suspendedAt).toBeTruthy()

    const signIn = await api('POST', '/users/login', { body: { email: staff.email, password: PASSWORD } })
    expect(signIn.status).toBe(403)
    expect(signIn.body.message).toContain('Shop "Lifecycle Shop" is suspended: Unpaid invoice.')
    expect((await api('GET', '/products', { headers: { 'x-api-key': key.key } })).status).toBe(403)
    const storefront = await api('GET', '/products', { headers: { 'x-tenant': shop.slug } })
    expect(storefront.status).toBe(403)
    // The reason is for the shop's own staff, not for its customers.
    expect(storefront.body.message).toBe('Shop "Lifecycle Shop" is suspended.')
    expect(await entriesFor(shop.id, 'suspend')).toEqual([{ summary: `suspend ${shop.slug}: Unpaid invoice` }])

    const back = await patchTenant(shop.id, { status: 'active' })
    expect(back.body.doc).toMatchObject({ status: 'active', suspendedReason: null, suspendedAt: null })
    expect((await api('POST', '/users/login', { body: { email: staff.email, password: PASSWORD } })).status).toBe(200)
    expect((await api('GET', '/products', { headers: { 'x-api-key': key.key } })).status).toBe(200)
    expect(await entriesFor(shop.id, 'reactivate')).toHaveLength(1)
  })

  it('a tenant-admin cannot suspend or delete their own tenant', async () => {
    const own = await login(staff.email, PASSWORD)
    await api('PATCH', `/tenants/${shop.id}`, { token: own, body: { status: 'suspended', suspendedReason: 'x', deletedAt: new Date().toISOString() } })
    const after = await asSystem(() => payload.findByID({ collection: 'tenants', id: shop.id, overrideAccess: true }))
    expect(after).toMatchObject({ status: 'active', deletedAt: null })
  })

  it('deleting is soft: no hard delete at click time; the tenant disappears, and can be restored within the grace period', async () => {
    const hard = await api('DELETE', `/tenants/${shop.id}`, { token: root })
    expect(hard.status).toBe(400)
    expect(hard.body.message).toMatch(/deleted softly/)

    const deleted = await patchTenant(shop.id, { deletedAt: new Date().toISOString() })
    expect(deleted.body.doc).toMatchObject({ status: 'cancelled', statusBeforeDeletion: 'active' })
    expect((await api('GET', '/products', { headers: { 'x-tenant': shop.slug } })).status).toBe(404)
    expect((await api('POST', '/users/login', { body: { email: staff.email, password: PASSWORD } })).status).toBe(403)
    expect(await entriesFor(shop.id, 'soft-delete')).toHaveLength(1)

    const restored = await patchTenant(shop.id, { deletedAt: null })
    expect(restored.body.doc).toMatchObject({ status: 'active', deletedAt: null })
    expect((await api('GET', '/products', { headers: { 'x-tenant': shop.slug } })).status).toBe(200)
    expect(await entriesFor(shop.id, 'restore')).toHaveLength(1)
  })

  it('cannot be restored after the grace period', async () => {
    const gone = await createTenant(payload)
    await patchTenant(gone.id, { deletedAt: new Date().toISOString() })
    await ownerPool().query(`update tenants set deleted_at = now() - interval '31 days' where id = $1`, [gone.id])
    const late = await patchTenant(gone.id, { deletedAt: null })
    expect(late.status).toBe(400)
    expect(late.body.message).toMatch(/could be restored for 30 days only/)
  })

  it('the purge job removes every row of a tenant deleted past the retention, its files too, and nothing of another tenant', async () => {
    const doomed = await createTenant(payload)
    const other = await createTenant(payload)
    for (const tenant of [doomed, other]) {
      const fx = await tenantFixture(payload, tenant.id)
      for (const collection of ['media', 'orders', 'leads', 'pages', 'numbers', 'couriers', 'api-keys'] as const) await createAsSystem(payload, collection, fx)
    }
    await createStaff(payload, doomed, 'sales-operator')
    const media = await asSystem(() => payload.find({ collection: 'media', where: { tenant: { equals: doomed.id } }, overrideAccess: true }))
    const file = path.join(process.env.MEDIA_DIR!, media.docs[0].filename!)
    expect(existsSync(file)).toBe(true)
    const counts = async (tenantId: string) => {
      const tables = (await ownerPool().query(`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' and table_name <> 'audit_logs'`)).rows
      const result: Record<string, number> = {}
      for (const { table_name } of tables) result[table_name] = Number((await ownerPool().query(`select count(*) from "${table_name}" where tenant_id = $1`, [tenantId])).rows[0].count)
      return result
    }
    const otherBefore = await counts(other.id)
    expect(Object.values(await counts(doomed.id)).reduce((a, b) => a + b, 0)).toBeGreaterThan(8)
    const auditTotal = async () => Number((await ownerPool().query('select count(*) from audit_logs')).rows[0].count)
    expect(Number((await ownerPool().query('select count(*) from audit_logs where tenant_id = $1', [doomed.id])).rows[0].count)).toBeGreaterThan(0)

    await patchTenant(doomed.id, { deletedAt: new Date().toISOString() })
    // Only the previous test's tenant is past the retention; this one is still restorable.
    expect(await queueTenantPurges(payload)).toBe(1)
    await drainQueue(payload)
    expect(Object.values(await counts(doomed.id)).some((n) => n > 0)).toBe(true)
    await ownerPool().query(`update tenants set deleted_at = now() - interval '31 days' where id = $1`, [doomed.id])
    const auditedBefore = await auditTotal()
    expect(await queueTenantPurges(payload)).toBe(1)
    await drainQueue(payload)

    expect(Object.values(await counts(doomed.id)).every((n) => n === 0)).toBe(true)
    expect((await ownerPool().query('select count(*) from tenants where id = $1', [doomed.id])).rows[0].count).toBe('0')
    expect(existsSync(file)).toBe(false)
    expect(await counts(other.id)).toEqual(otherBefore)
    // The audit trail outlives the tenant (nothing removed; its entries are unlinked from it).
    expect(await auditTotal()).toBeGreaterThanOrEqual(auditedBefore)
  })

  it('warns a trial tenant’s admins 7 days and 1 day before the end, once each, then suspends it', async () => {
    const day = 86_400_000
    const trial = await createTenant(payload, { name: 'Trial Shop', status: 'trial', trialEndsAt: new Date(Date.now() + 6.5 * day).toISOString() })
    const admin = await createStaff(payload, trial, 'tenant-admin')
    await createStaff(payload, trial, 'support-agent')
    const before = smtp.messages.length
    const run = async () => {
      await queueTrialChecks(payload)
      await drainQueue(payload)
    }
    await run()
    await run()
    let mails = smtp.messages.slice(before)
    expect(mails.map((m) => m.subject)).toEqual(['Trial Shop: your trial ends in 7 days'])
    expect(JSON.stringify(mails[0].to)).toContain(admin.email)

    await asSystem(() => payload.update({ collection: 'tenants', id: trial.id, data: { trialEndsAt: new Date(Date.now() + 0.5 * day).toISOString() }, overrideAccess: true }))
    await run()
    await run()
    mails = smtp.messages.slice(before)
    expect(mails.map((m) => m.subject)).toEqual(['Trial Shop: your trial ends in 7 days', 'Trial Shop: your trial ends in 1 day'])

    await asSystem(() => payload.update({ collection: 'tenants', id: trial.id, data: { trialEndsAt: new Date(Date.now() - 1000).toISOString() }, overrideAccess: true }))
    await run()
    const ended = await asSystem(() => payload.findByID({ collection: 'tenants', id: trial.id, overrideAccess: true }))
    expect(ended).toMatchObject({ status: 'suspended', suspendedReason: 'Trial ended' })
    expect(smtp.messages.slice(before).at(-1)!.subject).toBe('Trial Shop: your trial has ended')
  })
})
