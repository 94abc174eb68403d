import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { ONBOARDING_STEPS, doneCount, recordStep, resumeStep, validateSteps } from '../../src/onboarding/steps'
import { api, login } from './helpers/api'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/** The onboarding wizard's saved progress (`tenants.onboarding`, src/onboarding). */
describe('onboarding progress', () => {
  let payload: Payload
  let shop: Tenant
  let other: Tenant
  let adminToken: string
  let otherAdminToken: string
  let salesToken: string

  const stored = async (tenant: Tenant) => (await asSystem(() => payload.findByID({ collection: 'tenants', id: tenant.id, depth: 0, overrideAccess: true }))).onboarding
  const patch = (token: string, tenant: Tenant, body: object) => api('PATCH', `/tenants/${tenant.id}`, { token, body })

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload, { status: 'trial' })
    other = await createTenant(payload)
    const tokenOf = async (tenant: Tenant, role: Parameters<typeof createStaff>[2]) => login((await createStaff(payload, tenant, role)).email, PASSWORD)
    adminToken = await tokenOf(shop, 'tenant-admin')
    otherAdminToken = await tokenOf(other, 'tenant-admin')
    salesToken = await tokenOf(shop, 'sales-operator')
  })

  it('resumes at the first step neither done nor skipped', () => {
    expect(resumeStep(undefined)).toBe('profile')
    expect(resumeStep({ steps: { profile: 'done', branding: 'skipped' } })).toBe('channel')
    expect(resumeStep({ steps: { profile: 'done', channel: 'done' } })).toBe('branding')
    expect(resumeStep({ steps: Object.fromEntries(ONBOARDING_STEPS.map((s) => [s, 'skipped'])) })).toBeNull()
    // Junk in the json column is ignored rather than trusted.
    expect(resumeStep({ steps: { profile: 'maybe', nonsense: 'done' } })).toBe('profile')
    expect(doneCount({ steps: { profile: 'done', branding: 'skipped', channel: 'done' } })).toBe(2)
    expect(recordStep({ steps: { branding: 'skipped' }, completedAt: null }, 'branding', 'done')).toEqual({ steps: { branding: 'done' }, completedAt: null })
    expect(validateSteps({ profile: 'done' })).toBe(true)
    expect(validateSteps({ profile: 'later' })).toMatch(/"done" or "skipped"/)
    expect(validateSteps({ shipping: 'done' })).toMatch(/Unknown onboarding step/)
  })

  it('a tenant-admin saves a step with its own data, skips one, and the progress persists', async () => {
    expect(resumeStep(await stored(shop))).toBe('profile')
    const profile = await patch(adminToken, shop, { displayName: 'Rahim Fashion', timezone: 'Asia/Dhaka', currency: 'USD', onboarding: recordStep(null, 'profile', 'done') })
    expect(profile.status, JSON.stringify(profile.body)).toBe(200)
    expect(profile.body.doc).toMatchObject({ displayName: 'Rahim Fashion', currency: 'USD', onboarding: { steps: { profile: 'done' } } })

    const progress = (await stored(shop))!
    const skipped = await patch(adminToken, shop, { onboarding: recordStep(progress, 'branding', 'skipped') })
    expect(skipped.status, JSON.stringify(skipped.body)).toBe(200)

    const after = await stored(shop)
    expect(after?.steps).toEqual({ profile: 'done', branding: 'skipped' })
    expect(resumeStep(after)).toBe('channel')
    // Read back over REST by the same tenant-admin, as the wizard does on reload.
    const read = await api('GET', `/tenants/${shop.id}?depth=0`, { token: adminToken })
    expect(resumeStep(read.body.onboarding)).toBe('channel')
  })

  it('rejects unknown steps or outcomes', async () => {
    const res = await patch(adminToken, shop, { onboarding: { steps: { profile: 'done', teleport: 'done' } } })
    expect(res.status).toBe(400)
    expect((await stored(shop))?.steps).toEqual({ profile: 'done', branding: 'skipped' })
  })

  it('Finish records completedAt, and a later step update keeps it', async () => {
    const completedAt = new Date().toISOString()
    const finished = await patch(adminToken, shop, { onboarding: { completedAt } })
    expect(finished.status, JSON.stringify(finished.body)).toBe(200)
    const after = await stored(shop)
    expect(after?.completedAt).toBe(completedAt)
    // Only `completedAt` was sent: the steps stay (Payload merges a group's missing fields).
    expect(after?.steps).toEqual({ profile: 'done', branding: 'skipped' })
  })

  it('another tenant’s admin cannot change this tenant’s onboarding', async () => {
    const before = await stored(shop)
    const res = await patch(otherAdminToken, shop, { onboarding: { steps: { profile: 'skipped' }, completedAt: null } })
    expect([403, 404]).toContain(res.status)
    expect(await stored(shop)).toEqual(before)
  })

  it('a sales-operator of the tenant cannot change it either', async () => {
    const before = await stored(shop)
    const res = await patch(salesToken, shop, { onboarding: { steps: {}, completedAt: null } })
    expect([403, 404]).toContain(res.status)
    expect(await stored(shop)).toEqual(before)
  })
})
