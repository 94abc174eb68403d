import type { Payload } from 'payload'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { AuditLog } from '../../payload-types'
import { api, graphql } from './helpers/api'
import { setEnv } from './helpers/env'
import { asSystem, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { postWebhook } from './helpers/meta'
import { freshPayload } from './helpers/payload'

/** A client at `ip`, as Next.js passes the socket's peer on. */
const from = (ip: string, more: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...more })

const rateLimitEntries = (payload: Payload): Promise<AuditLog[]> =>
  asSystem(() => payload.find({ collection: 'audit-logs', where: { action: { equals: 'rate-limited' } }, sort: 'createdAt', pagination: false, overrideAccess: true })).then((r) => r.docs)

/** The refusal's contract: 429, Retry-After, the IETF RateLimit headers, the app's error body. */
function expectRefusal(res: { status: number; body: any; headers: Headers }, policy: string, limit: number, window: number) {
  expect(res.status).toBe(429)
  const retryAfter = Number(res.headers.get('retry-after'))
  expect(retryAfter).toBeGreaterThanOrEqual(1)
  expect(retryAfter).toBeLessThanOrEqual(window)
  expect(res.headers.get('ratelimit-policy')).toContain(`"${policy}";q=${limit};w=${window}`)
  expect(res.headers.get('ratelimit')).toContain(`"${policy}";r=0;t=${retryAfter}`)
  expect(res.body).toEqual({ error: 'rate_limited', message: expect.stringMatching(/^Too many .+ Wait \d+ seconds? and try again\.$/), retryAfter, limit, policy: expect.any(String), errors: [] })
}

describe('rate limits per IP', () => {
  let payload: Payload
  let restore: (() => void) | undefined

  beforeAll(async () => {
    payload = await freshPayload()
  })
  afterEach(() => {
    restore?.()
    restore = undefined
  })

  it('signup: a burst of 30 from one IP gets 429 after 10 (the default), with headers and body; another IP is still served', async () => {
    const form = (i: number) => ({ shopName: `Burst ${i}`, slug: `burst-${i}`, name: 'Burst', email: `burst-${i}@example.test`, password: 'a-long-password' })
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => api('POST', '/tenants/signup', { body: form(i), headers: from('203.0.113.10') })))
    // 202 "check your inbox": the shop is opened (the answer is the same for a known email).
    expect(burst.filter((r) => r.status === 202)).toHaveLength(10)
    const refused = burst.filter((r) => r.status === 429)
    expect(refused).toHaveLength(20)
    for (const r of refused) expectRefusal(r, 'signup', 10, 3600)
    // An accepted one says how much is left.
    expect(burst.find((r) => r.status === 202)!.headers.get('ratelimit')).toMatch(/^"signup";r=\d+;t=\d+$/)
    const tenants = await asSystem(() => payload.count({ collection: 'tenants', where: { slug: { like: 'burst-' } }, overrideAccess: true }))
    expect(tenants.totalDocs).toBe(10)

    const other = await api('POST', '/tenants/signup', { body: form(99), headers: from('203.0.113.11') })
    expect(other.status).toBe(202)
  })

  it('invitation look-ups: preview and accept are limited per IP, so links cannot be probed', async () => {
    restore = setEnv({ RATE_LIMIT_INVITATION: '3/600' })
    const probe = (i: number) =>
      i % 2
        ? api('GET', `/invitations/preview?token=${'x'.repeat(30)}${i}`, { headers: from('203.0.113.40') })
        : api('POST', '/invitations/accept', { body: { token: `${'y'.repeat(30)}${i}` }, headers: from('203.0.113.40') })
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(await probe(i))
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 429, 429])
    expectRefusal(answers[3], 'invitation', 3, 600)
    expect((await api('GET', `/invitations/preview?token=${'z'.repeat(32)}`, { headers: from('203.0.113.41') })).status).toBe(404)
  })

  it('login: per IP (20 / 10 min) over REST and GraphQL, and per email (10 / 10 min) from any IP', async () => {
    const shop = await createTenant(payload)
    const staff = await createStaff(payload, shop)
    // One IP tries 20 unknown accounts: each is refused as usual (401), the 21st attempt is throttled,
    // even with the right password — and over GraphQL too.
    for (let i = 0; i < 20; i++) {
      const res = await api('POST', '/users/login', { body: { email: `nobody-${i}@example.test`, password: 'x' }, headers: from('198.51.100.20') })
      expect(res.status).toBe(401)
    }
    expectRefusal(await api('POST', '/users/login', { body: { email: staff.email, password: PASSWORD }, headers: from('198.51.100.20') }), 'login-ip', 20, 600)
    const gql = await graphql(`mutation { loginUser(email: "${staff.email}", password: "${PASSWORD}") { token } }`, { headers: from('198.51.100.20') })
    expect(gql.body.errors?.[0]).toMatchObject({ extensions: { statusCode: 429, code: 'rate_limited', data: { error: 'rate_limited', limit: 20, policy: 'login-ip' } } })
    expect(Number(gql.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await api('POST', '/users/login', { body: { email: staff.email, password: PASSWORD }, headers: from('198.51.100.21') })).status).toBe(200)

    // One email: the success above and 9 wrong passwords from other addresses are its 10 (the
    // attempts the IP limit refused did not count); the 11th is throttled, whatever the password.
    for (let i = 0; i < 9; i++) {
      expect((await api('POST', '/users/login', { body: { email: staff.email, password: 'wrong' }, headers: from(`192.0.2.${i + 1}`) })).status).toBe(401)
    }
    expectRefusal(await api('POST', '/users/login', { body: { email: staff.email.toUpperCase(), password: PASSWORD }, headers: from('192.0.2.99') }), 'login-email', 10, 600)

    // Throttled attempts are not failed sign-ins: the audit has the 9 wrong passwords, not the refusal.
    const failed = await asSystem(() => payload.count({ collection: 'audit-logs', where: { action: { equals: 'login-failed' }, actorLabel: { equals: staff.email } }, overrideAccess: true }))
    expect(failed.totalDocs).toBe(9)
  })

  it('forgot-password: 5 an hour per IP; invitations are counted apart (30 an hour)', async () => {
    const shop = await createTenant(payload)
    const staff = await createStaff(payload, shop)
    for (let i = 0; i < 5; i++) {
      expect((await api('POST', '/users/forgot-password', { body: { email: `x${i}@example.test` }, headers: from('198.51.100.30') })).status).toBe(200)
    }
    expectRefusal(await api('POST', '/users/forgot-password', { body: { email: staff.email }, headers: from('198.51.100.30') }), 'forgot-password', 5, 3600)

    const root = await createSuperAdmin(payload)
    const token = (await api('POST', '/users/login', { body: { email: root.email, password: PASSWORD }, headers: from('198.51.100.31') })).body.token
    for (let i = 0; i < 6; i++) {
      const invited = await api('POST', `/tenants/${shop.id}/invite`, { token, body: { email: `invitee-${i}@example.test`, role: 'support-agent' }, headers: from('198.51.100.31') })
      expect(invited.status).toBe(202)
    }
    restore = setEnv({ RATE_LIMIT_INVITE: '6/3600' })
    expectRefusal(await api('POST', `/tenants/${shop.id}/invite`, { token, body: { email: 'one-too-many@example.test' }, headers: from('198.51.100.31') }), 'invite', 6, 3600)
  })

  it('writes one audit entry per throttled key and window, not one per refused request', async () => {
    restore = setEnv({ RATE_LIMIT_SLUG_AVAILABLE: '2/1' })
    const check = (ip: string) => api('GET', '/tenants/slug-available?slug=fresh-shop', { headers: from(ip) })
    const before = (await rateLimitEntries(payload)).length
    const first = await Promise.all(Array.from({ length: 10 }, () => check('203.0.113.40')))
    expect(first.filter((r) => r.status === 200)).toHaveLength(2)
    expect(first.filter((r) => r.status === 429)).toHaveLength(8)
    // Another throttled key is its own entry.
    await Promise.all(Array.from({ length: 4 }, () => check('203.0.113.41')))
    let entries = (await rateLimitEntries(payload)).slice(before)
    expect(entries.map((e) => [e.ip, e.summary])).toEqual([
      ['203.0.113.40', 'slug-available: 203.0.113.40 over 2 per 1 s (retry in 1 s)'],
      ['203.0.113.41', 'slug-available: 203.0.113.41 over 2 per 1 s (retry in 1 s)'],
    ])
    expect(entries[0]).toMatchObject({ tenant: null, actorType: 'anonymous' })

    // The next window: served again, and a new refusal is a new entry.
    const wait = Math.max(...first.filter((r) => r.status === 429).map((r) => Number(r.headers.get('retry-after'))))
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 50))
    const second = await Promise.all(Array.from({ length: 5 }, () => check('203.0.113.40')))
    expect(second.filter((r) => r.status === 200)).toHaveLength(2)
    entries = (await rateLimitEntries(payload)).slice(before)
    expect(entries.filter((e) => e.ip === '203.0.113.40')).toHaveLength(2)
  })

  it('TRUSTED_PROXIES: a spoofed X-Forwarded-For from an untrusted peer does not change the counted IP', async () => {
    restore = setEnv({ RATE_LIMIT_SLUG_AVAILABLE: '3/60' })
    const check = (forwardedFor: string) => api('GET', '/tenants/slug-available?slug=fresh-shop', { headers: { 'x-forwarded-for': forwardedFor } })
    // The peer 198.51.100.50 is not a trusted proxy: whatever it claims on its left is its own word.
    const spoofed = await Promise.all(Array.from({ length: 5 }, (_, i) => check(`6.6.6.${i}, 198.51.100.50`)))
    expect(spoofed.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429])
    // X-Real-IP from it is ignored too.
    const realIp = await api('GET', '/tenants/slug-available?slug=fresh-shop', { headers: { 'x-forwarded-for': '198.51.100.50', 'x-real-ip': '6.6.6.6' } })
    expect(realIp.status).toBe(429)

    // The same hops through a proxy that is trusted: each client is counted as itself.
    restore()
    restore = setEnv({ RATE_LIMIT_SLUG_AVAILABLE: '3/60', TRUSTED_PROXIES: '127.0.0.1,::1,198.51.100.0/24' })
    const proxied = await Promise.all(Array.from({ length: 5 }, (_, i) => check(`7.7.7.${i}, 198.51.100.50`)))
    expect(proxied.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
  })

  it('TRUSTED_PROXIES: X-Forwarded-Host names the storefront only when a trusted proxy sent it', async () => {
    const shop = await createTenant(payload, { slug: 'forwarded-shop' })
    await asSystem(() => payload.create({ collection: 'products', data: { tenant: shop.id, name: 'P', sku: 'P-1', price: 100, currency: 'BDT', stock: 1, status: 'active' }, overrideAccess: true }))
    const list = (forwardedFor: string) => api('GET', '/products?depth=0', { headers: { 'x-forwarded-for': forwardedFor, 'x-forwarded-host': 'forwarded-shop.localhost', host: 'localhost' } })
    // From the loopback proxy (trusted by default) the forwarded host is the shop.
    const viaProxy = await list('203.0.113.60, 127.0.0.1')
    expect(viaProxy.status).toBe(200)
    expect(viaProxy.body.docs).toHaveLength(1)
    // From an untrusted peer it is ignored: Host (the platform's) names no shop.
    const direct = await list('203.0.113.60')
    expect(direct.body.docs ?? []).toHaveLength(0)
  })

  it('webhooks are not limited per IP', async () => {
    restore = setEnv({ RATE_LIMIT_API_IP: '1/60' })
    const delivery = { object: 'page', entry: [{ id: 'unknown-page', time: Date.now(), messaging: [] }] }
    const results = await Promise.all(Array.from({ length: 10 }, () => postWebhook(delivery, { headers: from('203.0.113.70') })))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    // While the same IP's anonymous API calls are throttled at 1 a minute.
    const api1 = await api('GET', '/products', { headers: from('203.0.113.70') })
    const api2 = await api('GET', '/products', { headers: from('203.0.113.70') })
    expect([api1.status, api2.status]).toEqual([api1.status, 429])
    expect(api1.status).not.toBe(429)
  })
})
