import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { consume, dayOf, queueUsageSnapshots } from '../../plugins/quotas'
import { createLocalReq } from 'payload'
import { runWithTenant } from '../../src/tenancy/request-context'
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp'
import { api, login } from './helpers/api'
import { routeEmailTo } from './helpers/email'
import { asSystem, createPlan, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

describe('usage alerts, snapshots and the usage API', () => {
  let payload: Payload
  let smtp: FakeSmtp
  let restoreEmail: () => void
  let shop: Tenant
  let quiet: Tenant
  let admins: User[]
  let operator: User

  const alertsOf = (tenant: Tenant) =>
    asSystem(() => payload.find({ collection: 'quota-alerts', where: { tenant: { equals: tenant.id } }, overrideAccess: true, sort: 'createdAt', pagination: false })).then((r) => r.docs)
  const runJobs = () => payload.jobs.run({ limit: 100 })

  beforeAll(async () => {
    payload = await freshPayload()
    smtp = await startFakeSmtp()
    restoreEmail = await routeEmailTo(payload, smtp.url)
    const plan = await createPlan(payload, { products: 5, leadsPerMonth: 10, users: 10 })
    shop = await createTenant(payload, { name: 'Acme Gadgets', plan: plan.id })
    quiet = await createTenant(payload, { plan: plan.id })
    admins = [await createStaff(payload, shop, 'tenant-admin'), await createStaff(payload, shop, 'tenant-admin')]
    operator = await createStaff(payload, shop, 'sales-operator')
    await createStaff(payload, quiet, 'tenant-admin')
  })
  afterAll(async () => {
    restoreEmail()
    await smtp.close()
  })

  it('emails every tenant-admin once when usage reaches 80 % and again at 100 %, and records the alerts', async () => {
    for (let i = 0; i < 3; i++) await createProduct(payload, shop)
    await runJobs()
    expect(await alertsOf(shop)).toEqual([])
    expect(smtp.messages).toHaveLength(0)

    await createProduct(payload, shop) // 4 of 5 = 80 %
    await runJobs()
    const mails = await smtp.waitFor(2)
    expect(mails.map((m) => JSON.stringify(m.to)).join()).toContain(admins[0].email)
    expect(mails.map((m) => JSON.stringify(m.to)).join()).toContain(admins[1].email)
    expect(mails.map((m) => JSON.stringify(m.to)).join()).not.toContain(operator.email)
    expect(mails[0].subject).toBe('Acme Gadgets: 80% of your products limit used')
    expect(mails[0].text).toContain('Acme Gadgets has used 80% of its limit of 5 products (4 of 5).')
    expect(mails[0].text).toContain('/admin/usage')

    await createProduct(payload, shop) // 5 of 5 = 100 %
    await runJobs()
    const all = await smtp.waitFor(4)
    expect(all[2].subject).toBe('Acme Gadgets: 100% of your products limit used')
    expect(all[2].text).toContain('has reached its limit of 5 products')

    const alerts = await alertsOf(shop)
    expect(alerts.map((a) => [a.limit, a.threshold, a.used, a.max])).toEqual([
      ['products', 80, 4, 5],
      ['products', 100, 5, 5],
    ])
    for (const alert of alerts) {
      expect(alert.emailedAt).toBeTruthy()
      expect(alert.emailedTo?.split(', ').sort()).toEqual(admins.map((a) => a.email).sort())
    }
  })

  it('sends nothing more for a threshold crossed again in the same month', async () => {
    const { docs } = await asSystem(() => payload.find({ collection: 'products', where: { tenant: { equals: shop.id } }, limit: 2, overrideAccess: true }))
    for (const doc of docs) await asSystem(() => payload.delete({ collection: 'products', id: doc.id, overrideAccess: true }))
    await createProduct(payload, shop)
    await createProduct(payload, shop)
    await runJobs()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(smtp.messages).toHaveLength(4)
    expect(await alertsOf(shop)).toHaveLength(2)
  })

  it('alerts on monthly limits too, with the month in the mail', async () => {
    await runWithTenant({ tenantId: shop.id, via: 'job' }, async () => consume(await createLocalReq({}, payload), shop.id, 'leadsPerMonth', 9))
    await runJobs()
    const mails = await smtp.waitFor(6)
    expect(mails[4].subject).toBe('Acme Gadgets: 80% of your leads this month limit used')
    expect(mails[4].text).toMatch(/\(9 of 10, \d{4}-\d{2}\)/)
  })

  it('tenant-admins read their own tenant’s alerts; other tenants and other roles do not', async () => {
    const own = await api('GET', '/quota-alerts', { token: await login(admins[0].email, PASSWORD) })
    expect(own.body.docs).toHaveLength(3)
    const otherAdmin = (await asSystem(() => payload.find({ collection: 'users', where: { 'tenants.tenant': { equals: quiet.id } }, overrideAccess: true }))).docs[0]
    expect((await api('GET', '/quota-alerts', { token: await login(otherAdmin.email, PASSWORD) })).body.docs).toEqual([])
    expect((await api('GET', '/quota-alerts', { token: await login(operator.email, PASSWORD) })).status).toBe(403)
  })

  it('GET /api/usage: every limit with used, max, percent and level for the caller’s tenant', async () => {
    const token = await login(admins[0].email, PASSWORD)
    const res = await api('GET', '/usage', { token })
    expect(res.status).toBe(200)
    const byLimit = Object.fromEntries(res.body.limits.map((l: { limit: string }) => [l.limit, l]))
    expect(byLimit.products).toMatchObject({ kind: 'count', used: 5, max: 5, percent: 100, level: 'over' })
    expect(byLimit.leadsPerMonth).toMatchObject({ kind: 'monthly', used: 9, max: 10, percent: 90, level: 'warning' })
    expect(byLimit.users).toMatchObject({ used: 3, max: 10, percent: 30, level: 'ok' })
    expect(byLimit.monthlyMessages).toMatchObject({ used: 0, max: null, percent: null, level: 'ok' })
    expect(res.body.trend.series.leadsPerMonth.at(-1)).toBe(9)
    expect(res.body.trend.periods).toHaveLength(12)
    // Another tenant's usage is not theirs to read.
    const other = await api('GET', `/usage?tenant=${quiet.id}`, { token })
    expect(other.status).toBe(403)
  })

  it('GET /api/usage/overview: the super-admin sees tenants at 80 % or more, worst first; staff may not', async () => {
    const root = await createSuperAdmin(payload)
    const res = await api('GET', '/usage/overview', { token: await login(root.email, PASSWORD) })
    expect(res.status).toBe(200)
    expect(res.body.tenants.map((t: { tenant: { id: string } }) => t.tenant.id)).toEqual([shop.id])
    expect((await api('GET', '/usage/overview', { token: await login(admins[0].email, PASSWORD) })).status).toBe(403)
  })

  it('takes a daily snapshot per usable tenant through a job; a second run the same day updates it', async () => {
    const suspended = await createTenant(payload, { status: 'suspended' })
    expect(await queueUsageSnapshots(payload)).toBe(2)
    await runJobs()
    const snapshots = async () => (await asSystem(() => payload.find({ collection: 'usage-snapshots', overrideAccess: true, pagination: false }))).docs
    const first = await snapshots()
    expect(first.map((s) => (typeof s.tenant === 'object' ? s.tenant.id : s.tenant)).sort()).toEqual([shop.id, quiet.id].sort())
    expect(first.every((s) => (typeof s.tenant === 'object' ? s.tenant.id : s.tenant) !== suspended.id)).toBe(true)
    const ofShop = first.find((s) => (typeof s.tenant === 'object' ? s.tenant.id : s.tenant) === shop.id)!
    expect(ofShop.day).toBe(dayOf(new Date(), shop.timezone ?? 'UTC'))
    expect(ofShop.usage).toMatchObject({ products: 5, users: 3, leadsPerMonth: 9 })

    await createStaff(payload, shop, 'support-agent')
    await queueUsageSnapshots(payload)
    await runJobs()
    const second = await snapshots()
    expect(second).toHaveLength(2)
    expect(second.find((s) => s.id === ofShop.id)?.usage).toMatchObject({ users: 4 })
  })
})
