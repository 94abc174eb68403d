import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp'
import { api, login } from './helpers/api'
import { routeEmailTo } from './helpers/email'
import { asSystem, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

describe('self-signup and invitations', () => {
  let payload: Payload
  let smtp: FakeSmtp
  let restoreEmail: () => void

  const signup = (body: object) => api('POST', '/tenants/signup', { body })
  const form = (slug: string, extra: object = {}) => ({ shopName: 'Rahim Fashion', slug, name: 'Rahim Uddin', email: `${slug}@example.test`, password: 'a-long-password', ...extra })
  const tenantsWithSlug = async (slug: string) => (await asSystem(() => payload.count({ collection: 'tenants', where: { slug: { equals: slug } }, overrideAccess: true }))).totalDocs

  beforeAll(async () => {
    payload = await freshPayload()
    smtp = await startFakeSmtp()
    restoreEmail = await routeEmailTo(payload, smtp.url)
    await asSystem(() =>
      payload.create({
        collection: 'plans',
        data: { name: 'Starter', slug: 'starter', priceMonthly: 0, priceYearly: 0, currency: 'BDT', limits: { products: 2, users: 3 }, features: ['whatsapp'] },
        overrideAccess: true,
      }),
    )
  })
  afterAll(async () => {
    restoreEmail()
    await smtp.close()
  })

  it('checks slug availability: format, reserved names, taken ones', async () => {
    await createTenant(payload, { slug: 'taken-shop' })
    const check = async (slug: string) => (await api('GET', `/tenants/slug-available?slug=${encodeURIComponent(slug)}`)).body
    expect(await check('Bad Slug!')).toMatchObject({ available: false, reason: expect.stringMatching(/lowercase letters/) })
    expect(await check('admin')).toMatchObject({ available: false, reason: '"admin" is reserved for the platform.' })
    expect(await check('taken-shop')).toMatchObject({ available: false, reason: '"taken-shop" is taken.' })
    expect(await check('fresh-shop')).toEqual({ slug: 'fresh-shop', available: true })
  })

  it('creates a trial tenant on the signup plan with its first tenant-admin, and sends a welcome email', async () => {
    const res = await signup(form('rahim-fashion'))
    expect(res.status).toBe(202)
    expect(res.body).toMatchObject({ status: 'check-email', email: 'rahim-fashion@example.test', slug: 'rahim-fashion' })
    const [found] = (await asSystem(() => payload.find({ collection: 'tenants', where: { slug: { equals: 'rahim-fashion' } }, overrideAccess: true }))).docs
    expect(found).toMatchObject({ slug: 'rahim-fashion', status: 'trial' })
    const days = (Date.parse(found.trialEndsAt!) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(13.9)
    expect(days).toBeLessThanOrEqual(14)
    const tenant = await asSystem(() => payload.findByID({ collection: 'tenants', id: found.id, depth: 1, overrideAccess: true }))
    expect(typeof tenant.plan === 'object' && tenant.plan?.slug).toBe('starter')
    expect(tenant.settings).toBeTruthy()

    const token = await login('rahim-fashion@example.test', 'a-long-password')
    const me = await api('GET', '/users/me', { token })
    expect(me.body.user.tenants).toMatchObject([{ tenant: { id: tenant.id }, role: 'tenant-admin' }])
    const [mail] = await smtp.waitFor(1)
    expect(mail.subject).toBe('Welcome to e-merkater, Rahim Fashion is ready')
    expect(mail.text).toContain('14-day trial')
    expect(JSON.stringify(mail.to)).toContain('rahim-fashion@example.test')
  })

  it('is all or nothing: a failure part-way (the third sample product over the plan’s 2) leaves no tenant and no user', async () => {
    const res = await signup(form('with-samples', { demoData: true, email: 'samples@example.test', shopName: 'Samples' }))
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ error: 'quota_exceeded', limit: 'products' })
    expect(await tenantsWithSlug('with-samples')).toBe(0)
    expect((await asSystem(() => payload.count({ collection: 'users', where: { email: { equals: 'samples@example.test' } }, overrideAccess: true }))).totalDocs).toBe(0)
  })

  it('tells a stranger nothing about which emails have accounts: the owner is emailed instead, and nothing is created', async () => {
    const before = smtp.messages.length
    const fresh = await signup(form('brand-new-shop', { email: 'brand-new@example.test' }))
    const duplicate = await signup(form('another-shop', { email: 'rahim-fashion@example.test' }))
    expect(duplicate.status).toBe(fresh.status)
    expect(Object.keys(duplicate.body).sort()).toEqual(Object.keys(fresh.body).sort())
    expect(duplicate.body).toEqual({
      ...fresh.body,
      email: 'rahim-fashion@example.test',
      slug: 'another-shop',
      message: fresh.body.message.replaceAll('brand-new@example.test', 'rahim-fashion@example.test').replaceAll('brand-new-shop', 'another-shop'),
    })
    expect(await tenantsWithSlug('another-shop')).toBe(0)
    expect(await tenantsWithSlug('brand-new-shop')).toBe(1)
    const mails = (await smtp.waitFor(before + 2)).slice(before)
    const toOwner = mails.find((m) => JSON.stringify(m.to).includes('rahim-fashion@example.test'))!
    expect(toOwner.subject).toBe('You already have an e-merkater account')
    expect(toOwner.text).toContain('No shop was opened')
  })

  it('adds sample products when asked (SIGNUP_PLAN picks the plan)', async () => {
    await asSystem(() => payload.create({ collection: 'plans', data: { name: 'Roomy', slug: 'roomy', priceMonthly: 0, priceYearly: 0, currency: 'BDT' }, overrideAccess: true }))
    process.env.SIGNUP_PLAN = 'roomy'
    try {
      const res = await signup(form('sample-shop', { demoData: true, email: 'sample-shop@example.test' }))
      expect(res.status).toBe(202)
      const [shop] = (await asSystem(() => payload.find({ collection: 'tenants', where: { slug: { equals: 'sample-shop' } }, overrideAccess: true }))).docs
      const products = await asSystem(() => payload.find({ collection: 'products', where: { tenant: { equals: shop.id } }, overrideAccess: true }))
      expect(products.docs.map((p) => p.sku).sort()).toEqual(['SAMPLE-MUG', 'SAMPLE-TOTE', 'SAMPLE-TSHIRT'])
    } finally {
      delete process.env.SIGNUP_PLAN
    }
  })

  it('answers 400 naming each bad field, 409 for a taken slug', async () => {
    const bad = await signup({ shopName: 'X', slug: 'Not OK', name: '', email: 'nope', password: 'short' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['shopName', 'slug', 'name', 'email', 'password'])
    const taken = await signup(form('taken-shop', { email: 'new-owner@example.test' }))
    expect(taken.status).toBe(409)
    expect(taken.body.message).toBe('"taken-shop" is taken.')
  })

  it('can be switched off', async () => {
    process.env.SIGNUP_ENABLED = 'false'
    try {
      expect((await signup(form('closed-shop'))).status).toBe(403)
    } finally {
      delete process.env.SIGNUP_ENABLED
    }
  })

  const inviteLink = (text: string | undefined) => text!.match(/\/invite\/([A-Za-z0-9_-]+)/)![1]

  it('a super-admin creates a tenant and invites its first tenant-admin, who creates the account from the emailed link', async () => {
    const root = await login((await createSuperAdmin(payload)).email, PASSWORD)
    const created = await api('POST', '/tenants', { token: root, body: { name: 'Invited Shop', slug: 'invited-shop', status: 'active' } })
    expect(created.status).toBe(201)
    const before = smtp.messages.length
    const invited = await api('POST', `/tenants/${created.body.doc.id}/invite`, { token: root, body: { email: 'owner@invited.test', role: 'tenant-admin' } })
    expect(invited.status).toBe(202)
    // Nothing exists until the invitation is accepted.
    expect((await asSystem(() => payload.count({ collection: 'users', where: { email: { equals: 'owner@invited.test' } }, overrideAccess: true }))).totalDocs).toBe(0)
    const mail = (await smtp.waitFor(before + 1)).at(-1)!
    expect(mail.subject).toBe('You are invited to Invited Shop on e-merkater')
    const token = inviteLink(mail.text)
    expect((await api('GET', `/invitations/preview?token=${token}`)).body).toMatchObject({ email: 'owner@invited.test', role: 'tenant-admin', shop: 'Invited Shop', accountExists: false })
    const short = await api('POST', '/invitations/accept', { body: { token, name: 'Owner', password: 'short' } })
    expect(short.status).toBe(400)
    expect(short.body.errors).toEqual([{ path: 'password', message: 'The password needs at least 10 characters.' }])
    const accepted = await api('POST', '/invitations/accept', { body: { token, name: 'Owner', password: 'chosen-password-1' } })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ accepted: true, created: true, tenant: { id: created.body.doc.id } })
    const jwt = await login('owner@invited.test', 'chosen-password-1')
    expect((await api('GET', '/users/me', { token: jwt })).body.user.tenants).toMatchObject([{ tenant: { id: created.body.doc.id }, role: 'tenant-admin' }])
    // Single use.
    expect((await api('POST', '/invitations/accept', { body: { token, name: 'Again', password: 'chosen-password-2' } })).status).toBe(404)
  })

  it('a tenant-admin invites into their own shop only; an existing account joins only when it accepts, signed in as itself', async () => {
    const mine = await createTenant(payload)
    const other = await createTenant(payload)
    const admin = await createStaff(payload, mine, 'tenant-admin')
    const token = await login(admin.email, PASSWORD)
    expect((await api('POST', `/tenants/${other.id}/invite`, { token, body: { email: 'x@example.test' } })).status).toBe(403)
    const existing = await createStaff(payload, other, 'support-agent')
    const before = smtp.messages.length
    const unknown = await api('POST', `/tenants/${mine.id}/invite`, { token, body: { email: 'nobody-yet@example.test', role: 'sales-operator' } })
    const added = await api('POST', `/tenants/${mine.id}/invite`, { token, body: { email: existing.email, role: 'sales-operator' } })
    // The same answer whether or not the email has an account.
    expect(added.status).toBe(unknown.status)
    expect({ ...added.body, email: 'x', expiresAt: 'x' }).toEqual({ ...unknown.body, email: 'x', expiresAt: 'x' })
    const membershipsOf = async () => (await asSystem(() => payload.findByID({ collection: 'users', id: existing.id, depth: 0, overrideAccess: true }))).tenants?.map((t) => [t.tenant, t.role])
    expect(await membershipsOf()).toEqual([[other.id, 'support-agent']])
    const mail = (await smtp.waitFor(before + 2)).slice(before).find((m) => JSON.stringify(m.to).includes(existing.email))!
    const link = inviteLink(mail.text)
    expect((await api('GET', `/invitations/preview?token=${link}`)).body.accountExists).toBe(true)
    // Not signed in, or signed in as someone else (the inviter): refused, nothing changes.
    expect((await api('POST', '/invitations/accept', { body: { token: link } })).status).toBe(401)
    expect((await api('POST', '/invitations/accept', { token, body: { token: link } })).status).toBe(401)
    expect(await membershipsOf()).toEqual([[other.id, 'support-agent']])
    const shopList = async () => (await api('GET', '/users?limit=100&depth=0', { token })).body.docs.map((u: { email: string }) => u.email)
    expect(await shopList()).not.toContain(existing.email)
    const own = await login(existing.email, PASSWORD)
    expect((await api('POST', '/invitations/accept', { token: own, body: { token: link } })).status).toBe(200)
    expect(await membershipsOf()).toEqual([
      [other.id, 'support-agent'],
      [mine.id, 'sales-operator'],
    ])
    // Only now does the shop see them — and only its own membership of theirs.
    expect(await shopList()).toContain(existing.email)
    const seen = (await api('GET', `/users/${existing.id}?depth=0`, { token })).body
    expect(seen.tenants.map((t: { tenant: string }) => t.tenant)).toEqual([mine.id])
    expect((await api('POST', `/tenants/${mine.id}/invite`, { token, body: { email: existing.email } })).status).toBe(409)
  })
})
