import type { ParsedMail } from 'mailparser'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { sendShopEmail } from '../../src/email/send-shop-email'
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp'
import { api, graphql, login } from './helpers/api'
import { routeEmailTo } from './helpers/email'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'
import { PNG } from './helpers/samples'

type Shop = { tenant: Tenant; admin: string; adminEmail: string; smtp: FakeSmtp; settingsId?: string }

const portOf = (smtp: FakeSmtp) => Number(new URL(smtp.url).port)
const fromOf = (mail: ParsedMail) => mail.from!.value[0]
const replyToOf = (mail: ParsedMail) => mail.replyTo?.value[0]?.address
const htmlOf = (mail: ParsedMail) => String(mail.html || '')

/**
 * Every email a shop sends is that shop's: its branded template, its Reply-To, and its own SMTP
 * server once a test send through it succeeded — else the platform's. Three real SMTP servers on
 * loopback, each with its own login: the platform's (Payload's adapter, as with SMTP_URL), shop
 * A's and shop B's. Shop C has no SMTP of its own.
 */
describe('shop email: branded template, From/Reply-To, per-shop SMTP with platform fallback', () => {
  let payload: Payload
  let platform: FakeSmtp
  let restoreEmail: () => void
  let a: Shop
  let b: Shop
  let c: { tenant: Tenant; admin: string }
  let supportA: string
  let stranger: string
  const serverUrl = process.env.SERVER_URL

  const shop = async (name: string, smtp: FakeSmtp): Promise<Shop> => {
    const tenant = await createTenant(payload, { name })
    const admin = await createStaff(payload, tenant, 'tenant-admin')
    return { tenant, admin: await login(admin.email, PASSWORD), adminEmail: admin.email, smtp }
  }
  const brand = async (s: { tenant: Tenant; admin: string }, branding: Record<string, unknown>) => {
    const res = await api('PUT', `/tenant/branding?tenant=${s.tenant.id}`, { token: s.admin, body: branding })
    expect(res.status).toBe(200)
  }
  const configure = async (s: Shop, overrides: Record<string, unknown> = {}) => {
    const login = new URL(s.smtp.url)
    const body = { tenant: s.tenant.id, host: '127.0.0.1', port: portOf(s.smtp), security: 'none', username: login.username, password: login.password, fromAddress: `mail@${s.tenant.slug}.test`, ...overrides }
    const res = await api('POST', '/mail-settings', { token: s.admin, body })
    expect(res.status).toBe(201)
    s.settingsId = res.body.doc.id
  }
  const testSend = (s: { tenant: Tenant }, token?: string) => api('POST', `/tenant/mail/test?tenant=${s.tenant.id}`, { ...(token ? { token } : {}) })
  const stored = (s: Shop) => asSystem(() => payload.findByID({ collection: 'mail-settings', id: s.settingsId!, depth: 0, overrideAccess: true }))
  const send = (s: { tenant: Tenant }, subject: string, to = 'customer@example.test') =>
    sendShopEmail(payload, { tenantId: s.tenant.id, to, subject, paragraphs: [`About ${subject}.`], action: { label: 'Open it', url: 'http://backoffice.test/admin' } })

  beforeAll(async () => {
    payload = await freshPayload()
    process.env.SERVER_URL = 'http://backoffice.test'
    platform = await startFakeSmtp({ user: 'platform', pass: 'platform-pass' })
    restoreEmail = await routeEmailTo(payload, platform.url)
    a = await shop('Alpha Gadgets', await startFakeSmtp({ user: 'alpha', pass: 'alpha-pass' }))
    b = await shop('Beta Threads', await startFakeSmtp({ user: 'beta', pass: 'beta-pass' }))
    const tenantC = await createTenant(payload, { name: 'Gamma Bazaar' })
    c = { tenant: tenantC, admin: await login((await createStaff(payload, tenantC, 'tenant-admin')).email, PASSWORD) }
    supportA = await login((await createStaff(payload, a.tenant, 'support-agent')).email, PASSWORD)
    stranger = (await shop('Stranger Shop', platform)).admin
    const logo = await asSystem(() =>
      payload.create({
        collection: 'media',
        data: { tenant: a.tenant.id, alt: 'Alpha logo' },
        file: { data: PNG, mimetype: 'image/png', name: `alpha-logo-${Date.now()}.png`, size: PNG.length },
        overrideAccess: true,
      }),
    )
    await brand(a, { logo: logo.id, primaryColor: '#1d4ed8', senderName: 'Alpha Team', supportEmail: 'help@alpha.test', emailFooter: 'Alpha Gadgets Ltd, Road 1, Dhaka' })
    await brand(b, { primaryColor: '#047857', senderName: 'Beta Crew', supportEmail: 'care@beta.test', emailFooter: 'Beta Threads, Chittagong' })
    await brand(c, { senderName: 'Gamma Support Desk', supportEmail: 'hello@gamma.test', emailFooter: 'Gamma Bazaar' })
  })

  afterAll(async () => {
    restoreEmail?.()
    if (serverUrl === undefined) delete process.env.SERVER_URL
    else process.env.SERVER_URL = serverUrl
    await Promise.all([platform, a?.smtp, b?.smtp].filter(Boolean).map((s) => s.close()))
  })

  it('a shop without its own SMTP sends through the platform: the platform address, the shop’s sender name, Reply-To its support email, its branded template', async () => {
    const before = platform.messages.length
    await send(c, 'Gamma Bazaar: your order list')
    const mail = (await platform.waitFor(before + 1)).at(-1)!
    expect(fromOf(mail)).toEqual({ address: 'no-reply@e-merkater.local', name: 'Gamma Support Desk' })
    expect(replyToOf(mail)).toBe('hello@gamma.test')
    expect(mail.text).toContain('Open it: http://backoffice.test/admin')
    expect(htmlOf(mail)).toContain('href="http://backoffice.test/admin"')
    expect(htmlOf(mail)).toContain('Gamma Bazaar')
    expect(htmlOf(mail)).toContain('Your order list')
    for (const other of ['Alpha', 'Beta']) expect(htmlOf(mail) + mail.text).not.toContain(other)
  })

  it('a shop’s SMTP settings are used only after a successful test send; before, its mail goes through the platform with the platform’s From', async () => {
    await configure(a)
    await configure(b)
    expect((await stored(a)).verifiedAt ?? null).toBeNull()
    const before = platform.messages.length
    await send(a, 'Alpha Gadgets: before the test')
    const mail = (await platform.waitFor(before + 1)).at(-1)!
    expect(fromOf(mail)).toEqual({ address: 'no-reply@e-merkater.local', name: 'Alpha Team' })
    expect(replyToOf(mail)).toBe('help@alpha.test')
    expect(a.smtp.messages).toHaveLength(0)
  })

  it('the test send is refused (coded) to another shop’s admin, to other staff, to a stranger and to anonymous callers, and sends nothing', async () => {
    expect(await testSend(a, b.admin)).toMatchObject({ status: 403, body: { error: 'forbidden' } })
    expect(await testSend(a, supportA)).toMatchObject({ status: 403, body: { error: 'forbidden' } })
    expect(await testSend(a, stranger)).toMatchObject({ status: 403, body: { error: 'forbidden' } })
    expect(await testSend(a)).toMatchObject({ status: 401, body: { error: 'unauthorized' } })
    expect(await testSend(c, c.admin)).toMatchObject({ status: 404, body: { error: 'not_found' } })
    expect(a.smtp.messages).toHaveLength(0)
    expect((await stored(a)).verifiedAt ?? null).toBeNull()
  })

  it('the tenant-admin’s test send goes through the shop’s own server to the admin, and from then on the shop’s mail goes out through it from its own address', async () => {
    const res = await testSend(a, a.admin)
    expect(res).toMatchObject({ status: 200, body: { sent: true, to: a.adminEmail } })
    const test = (await a.smtp.waitFor(1))[0]
    expect(test.to).toMatchObject({ value: [{ address: a.adminEmail }] })
    expect(fromOf(test)).toEqual({ address: `mail@${a.tenant.slug}.test`, name: 'Alpha Team' })
    expect((await stored(a)).verifiedAt).toBe(res.body.verifiedAt)
    expect((await testSend(b, b.admin)).status).toBe(200)
    await b.smtp.waitFor(1)

    const before = platform.messages.length
    await send(a, 'Alpha Gadgets: after the test')
    const mail = (await a.smtp.waitFor(2)).at(-1)!
    expect(fromOf(mail)).toEqual({ address: `mail@${a.tenant.slug}.test`, name: 'Alpha Team' })
    expect(replyToOf(mail)).toBe('help@alpha.test')
    expect(platform.messages.length).toBe(before)
  })

  it('the HTML carries the shop’s logo (inline, a mail client needs no access to the media route), colour and footer, and never another shop’s name', async () => {
    const mail = a.smtp.messages.at(-1)!
    const html = htmlOf(mail)
    const logo = mail.attachments.find((part) => part.contentType === 'image/png')
    expect(logo?.content.equals(PNG)).toBe(true)
    expect(logo?.cid).toBeTruthy()
    // The image points at that part (mailparser resolves a `cid:` link to the part's bytes).
    expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`)
    expect(html).toContain('#1d4ed8')
    expect(html).toContain('Alpha Gadgets Ltd, Road 1, Dhaka')
    expect(mail.text).toContain('Alpha Gadgets Ltd, Road 1, Dhaka')
    expect(html).toContain('Sent with e-merkater')
    for (const other of ['Beta', 'Gamma', '#047857']) expect(html + mail.text).not.toContain(other)
  })

  it('interleaved concurrent sends of two shops each go only through their own shop’s server', async () => {
    const [fromA, fromB, fromPlatform] = [a.smtp.messages.length, b.smtp.messages.length, platform.messages.length]
    const n = 12
    await Promise.all(Array.from({ length: n * 2 }, (_, i) => (i % 2 ? send(b, `Beta Threads: parallel ${i}`, `b${i}@example.test`) : send(a, `Alpha Gadgets: parallel ${i}`, `a${i}@example.test`))))
    const gotA = (await a.smtp.waitFor(fromA + n)).slice(fromA)
    const gotB = (await b.smtp.waitFor(fromB + n)).slice(fromB)
    expect(gotA).toHaveLength(n)
    expect(gotB).toHaveLength(n)
    expect(platform.messages.length).toBe(fromPlatform)
    for (const mail of gotA) {
      expect(mail.subject).toMatch(/^Alpha Gadgets: parallel \d+$/)
      expect(fromOf(mail).address).toBe(`mail@${a.tenant.slug}.test`)
      expect(htmlOf(mail) + mail.text).not.toContain('Beta')
    }
    for (const mail of gotB) {
      expect(mail.subject).toMatch(/^Beta Threads: parallel \d+$/)
      expect(fromOf(mail)).toEqual({ address: `mail@${b.tenant.slug}.test`, name: 'Beta Crew' })
      expect(replyToOf(mail)).toBe('care@beta.test')
      expect(htmlOf(mail) + mail.text).not.toContain('Alpha')
    }
  })

  it('the SMTP password is stored encrypted and never returned over REST or GraphQL; other staff and other shops cannot read the settings', async () => {
    const row = (await ownerPool().query(`select password, password_hint from mail_settings where id = $1`, [a.settingsId])).rows[0]
    expect(row.password).not.toContain('alpha-pass')
    expect(row.password.length).toBeGreaterThan(20)
    const rest = await api('GET', `/mail-settings/${a.settingsId}`, { token: a.admin })
    expect(rest.status).toBe(200)
    expect(rest.body.password ?? null).toBeNull()
    expect(rest.body.passwordHint).toMatch(/ass$/)
    expect(JSON.stringify(rest.body)).not.toContain('alpha-pass')
    const gql = await graphql('{ MailSettings { docs { id host password passwordHint } } }', { token: a.admin })
    expect(gql.body.data.MailSettings.docs).toEqual([{ id: a.settingsId, host: '127.0.0.1', password: null, passwordHint: rest.body.passwordHint }])
    expect((await api('GET', `/mail-settings/${a.settingsId}`, { token: b.admin })).status).toBe(404)
    expect((await api('GET', `/mail-settings/${a.settingsId}`, { token: supportA })).status).toBe(403)
    expect((await api('GET', '/mail-settings', { token: supportA })).status).toBe(403)
    expect((await api('PATCH', `/mail-settings/${a.settingsId}`, { token: b.admin, body: { host: 'evil.example.test' } })).status).toBe(404)
    expect((await graphql('{ MailSettings { docs { id } } }', { token: b.admin })).body.data.MailSettings.docs.map((d: { id: string }) => d.id)).not.toContain(a.settingsId)
  })

  it('refuses a host that is a URL or has spaces and a port out of range, storing nothing; a tenant-admin cannot set verifiedAt itself', async () => {
    const count = async () => (await ownerPool().query(`select count(*)::int as n from mail_settings where tenant_id = $1`, [c.tenant.id])).rows[0].n
    const base = { tenant: c.tenant.id, port: 587, security: 'starttls', fromAddress: 'mail@gamma.test' }
    for (const body of [
      { ...base, host: 'smtp://mail.gamma.test' },
      { ...base, host: 'mail gamma.test' },
      { ...base, host: 'mail.gamma.test', port: 70000 },
      { ...base, host: 'mail.gamma.test', port: 0 },
    ]) {
      const res = await api('POST', '/mail-settings', { token: c.admin, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error).toBe('invalid_input')
    }
    expect(await count()).toBe(0)
    const forged = await api('POST', '/mail-settings', { token: c.admin, body: { ...base, host: 'mail.gamma.test', verifiedAt: new Date().toISOString() } })
    expect(forged.status).toBe(201)
    expect(forged.body.doc.verifiedAt ?? null).toBeNull()
  })

  it('a changed password clears the verification (mail falls back to the platform); a wrong password’s test send is a coded 422 that records the server’s answer', async () => {
    expect((await api('PATCH', `/mail-settings/${b.settingsId}`, { token: b.admin, body: { password: 'not-the-password' } })).status).toBe(200)
    expect((await stored(b)).verifiedAt ?? null).toBeNull()
    const before = platform.messages.length
    await send(b, 'Beta Threads: after the change')
    const fallback = (await platform.waitFor(before + 1)).at(-1)!
    expect(fromOf(fallback)).toEqual({ address: 'no-reply@e-merkater.local', name: 'Beta Crew' })

    const refused = await testSend(b, b.admin)
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ error: 'smtp_refused', errors: [{ path: 'password' }] })
    expect(refused.body.message).toContain('535')
    const after = await stored(b)
    expect(after.lastTestError).toContain('535')
    expect(after.verifiedAt ?? null).toBeNull()

    expect((await api('PATCH', `/mail-settings/${b.settingsId}`, { token: b.admin, body: { password: 'beta-pass' } })).status).toBe(200)
    expect((await testSend(b, b.admin)).status).toBe(200)
    expect((await stored(b)).lastTestError ?? null).toBeNull()
    // An edit that changes nothing about where mail goes keeps the verification.
    expect((await api('PATCH', `/mail-settings/${b.settingsId}`, { token: b.admin, body: { fromName: 'Beta Crew Mail' } })).status).toBe(200)
    expect((await stored(b)).verifiedAt).toBeTruthy()
    expect((await api('PATCH', `/mail-settings/${b.settingsId}`, { token: b.admin, body: { fromAddress: 'other@beta.test' } })).status).toBe(200)
    expect((await stored(b)).verifiedAt ?? null).toBeNull()
  })

  it('an invitation from a shop is that shop’s email: through its own server, in its template, the link in the text part', async () => {
    const before = a.smtp.messages.length
    const res = await api('POST', `/tenants/${a.tenant.id}/invite`, { token: a.admin, body: { email: 'new-hire@example.test', role: 'support-agent' } })
    expect(res.status).toBe(202)
    const mail = (await a.smtp.waitFor(before + 1)).at(-1)!
    expect(mail.subject).toBe('You are invited to Alpha Gadgets on e-merkater')
    expect(fromOf(mail).address).toBe(`mail@${a.tenant.slug}.test`)
    expect(mail.text).toMatch(/Accept the invitation: http:\/\/backoffice\.test\/invite\/[\w-]+/)
    expect(htmlOf(mail)).toContain('Alpha Gadgets Ltd, Road 1, Dhaka')
    expect(htmlOf(mail)).toMatch(/href="http:\/\/backoffice\.test\/invite\/[\w-]+"/)
  })
})
