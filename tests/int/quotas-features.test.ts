import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { FeatureNotInPlanError } from '../../plugins/quotas'
import { api, graphql, login } from './helpers/api'
import { asSystem, createPlan, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'
import { createAsSystem, sampleData, type TenantFixture } from './helpers/samples'

const fx = (tenant: Tenant): TenantFixture => ({ tenant: tenant.id, customer: '', product: '', number: '', conversation: '' })
const NOT_IN_PLAN = { error: 'feature_not_in_plan', feature: 'whatsapp' }

/** What /api/access (which the admin's nav is built from) grants: true, `{ permission }`, or absent. */
const granted = (access: { collections: Record<string, Record<string, unknown> | undefined> }, slug: string, op: string) => {
  const entry = access.collections[slug]?.[op] as boolean | { permission?: boolean } | undefined
  return entry === true || (typeof entry === 'object' && entry.permission === true)
}

describe('feature gates', () => {
  let payload: Payload
  let basic: Tenant // plan without whatsapp
  let full: Tenant // plan with it
  let basicAdmin: User
  let token: string
  let both: User // staff of both tenants

  beforeAll(async () => {
    payload = await freshPayload()
    const basicPlan = await createPlan(payload, {}, ['messenger'])
    const fullPlan = await createPlan(payload, {}, ['whatsapp', 'messenger'])
    basic = await createTenant(payload, { plan: basicPlan.id })
    full = await createTenant(payload, { plan: fullPlan.id })
    basicAdmin = await createStaff(payload, basic, 'tenant-admin')
    both = await createStaff(payload, [basic, full], 'tenant-admin')
    token = await login(basicAdmin.email, PASSWORD)
    await createAsSystem(payload, 'numbers', fx(full))
  })

  it('answers 403 feature_not_in_plan over REST, for reads and writes', async () => {
    const list = await api('GET', '/numbers', { token })
    expect(list.status).toBe(403)
    expect(list.body).toMatchObject({ ...NOT_IN_PLAN, message: expect.stringMatching(/does not include whatsapp/) })
    const create = await api('POST', '/numbers', { token, body: sampleData('numbers', fx(basic)) })
    expect(create.status).toBe(403)
    expect(create.body).toMatchObject(NOT_IN_PLAN)
    // Collections outside the gate keep working.
    expect((await api('GET', '/pages', { token })).status).toBe(200)
  })

  it('answers feature_not_in_plan over GraphQL and the Local API', async () => {
    const gql = await graphql(
      `
        {
          Numbers {
            docs {
              id
            }
          }
        }
      `,
      { token },
    )
    expect(gql.body.errors?.[0]).toMatchObject({ extensions: { statusCode: 403, data: NOT_IN_PLAN } })
    const local = await payload.find({ collection: 'numbers', user: basicAdmin, overrideAccess: false }).catch((e: unknown) => e)
    expect(local).toBeInstanceOf(FeatureNotInPlanError)
  })

  it('hides the collection from the admin: no read permission, so no nav entry', async () => {
    const access = await api('GET', '/access', { token })
    expect(access.status).toBe(200)
    expect(granted(access.body, 'numbers', 'read')).toBe(false)
    expect(granted(access.body, 'numbers', 'create')).toBe(false)
    // couriers: the plan lacks that feature too; pages: messenger is in the plan.
    expect(granted(access.body, 'couriers', 'read')).toBe(false)
    expect(granted(access.body, 'pages', 'read')).toBe(true)
  })

  it('staff of two tenants reach the numbers of the one whose plan has the feature, and nothing of the other', async () => {
    await createAsSystem(payload, 'numbers', fx(basic)).catch(() => undefined)
    const jwt = await login(both.email, PASSWORD)
    const list = await api('GET', '/numbers', { token: jwt })
    expect(list.status).toBe(200)
    expect(list.body.docs.map((d: { tenant: { id: string } | string }) => (typeof d.tenant === 'object' ? d.tenant.id : d.tenant))).toEqual([full.id])
    const intoBasic = await api('POST', '/numbers', { token: jwt, body: sampleData('numbers', fx(basic)) })
    expect(intoBasic.status).toBe(403)
    expect(intoBasic.body).toMatchObject(NOT_IN_PLAN)
    // Naming the gated tenant explicitly is refused as a whole.
    expect((await api('GET', '/numbers', { token: jwt, headers: { 'x-tenant': basic.slug } })).body).toMatchObject(NOT_IN_PLAN)
    expect((await api('POST', '/numbers', { token: jwt, body: sampleData('numbers', fx(full)) })).status).toBe(201)
  })

  it('the super-admin reads every tenant but cannot create a gated document for a tenant without the feature', async () => {
    const root = await createSuperAdmin(payload)
    const jwt = await login(root.email, PASSWORD)
    expect((await api('GET', '/numbers', { token: jwt })).status).toBe(200)
    const res = await api('POST', '/numbers', { token: jwt, body: sampleData('numbers', fx(basic)) })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject(NOT_IN_PLAN)
  })

  it('a tenant without a plan is not gated', async () => {
    const planless = await createTenant(payload)
    const owner = await createStaff(payload, planless, 'tenant-admin')
    const jwt = await login(owner.email, PASSWORD)
    expect((await api('POST', '/numbers', { token: jwt, body: sampleData('numbers', fx(planless)) })).status).toBe(201)
  })

  it('switching the plan switches the gate', async () => {
    const plan = await createPlan(payload, {}, ['whatsapp'])
    await asSystem(() => payload.update({ collection: 'tenants', id: basic.id, data: { plan: plan.id }, overrideAccess: true }))
    expect((await api('GET', '/numbers', { token })).status).toBe(200)
  })
})

describe('platform-written usage records', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let adminB: User

  beforeAll(async () => {
    payload = await freshPayload()
    const plan = await createPlan(payload, { monthlyMessages: 10 })
    shopA = await createTenant(payload, { plan: plan.id })
    shopB = await createTenant(payload, { plan: plan.id })
    adminB = await createStaff(payload, shopB, 'tenant-admin')
    await asSystem(() => payload.create({ collection: 'usage-counters', data: { tenant: shopA.id, metric: 'monthlyMessages', period: '2026-11', count: 7 }, overrideAccess: true }))
  })

  it('another tenant’s staff cannot read a ledger row over REST, GraphQL or the Local API', async () => {
    const jwt = await login(adminB.email, PASSWORD)
    expect((await api('GET', '/usage-counters', { token: jwt })).body.docs).toEqual([])
    const gql = await graphql(
      `
        {
          UsageCounters {
            docs {
              id
              count
            }
          }
        }
      `,
      { token: jwt },
    )
    expect(gql.body.data).toEqual({ UsageCounters: { docs: [] } })
    const local = await payload.find({ collection: 'usage-counters', user: adminB, overrideAccess: false })
    expect(local.docs).toEqual([])
  })

  it('no one writes the ledger or the alerts through the API, not even the super-admin', async () => {
    const root = await createSuperAdmin(payload)
    const jwt = await login(root.email, PASSWORD)
    const [row] = (await api('GET', '/usage-counters', { token: jwt })).body.docs
    expect(row.count).toBe(7)
    expect((await api('PATCH', `/usage-counters/${row.id}`, { token: jwt, body: { count: 0 } })).status).toBe(403)
    expect((await api('DELETE', `/usage-counters/${row.id}`, { token: jwt })).status).toBe(403)
    expect((await api('POST', '/usage-counters', { token: jwt, body: { tenant: shopA.id, metric: 'monthlyMessages', period: '2026-12', count: 0 } })).status).toBe(403)
    expect((await api('POST', '/quota-alerts', { token: jwt, body: { tenant: shopA.id, limit: 'users', threshold: 80, period: '2026-11', used: 1, max: 1 } })).status).toBe(403)
  })

  it('the job queue is the platform’s: tenant staff cannot list or queue jobs', async () => {
    const jwt = await login(adminB.email, PASSWORD)
    expect((await api('GET', '/payload-jobs', { token: jwt })).status).toBe(403)
    const access = await api('GET', '/access', { token: jwt })
    expect(granted(access.body, 'payload-jobs', 'read')).toBe(false)
  })
})
