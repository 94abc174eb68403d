import type { Payload } from 'payload'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { isAllowedOrigin, watchTenantDomains } from '../../src/http/allowed-origins'
import { clientIp } from '../../src/http/client-ip'
import { normaliseIp } from '../../src/http/forwarded-chain'
import { viaTrustedProxy } from '../../src/http/via-trusted-proxy'
import { requestHost } from '../../src/tenancy/host'
import { api } from './helpers/api'
import { setEnv } from './helpers/env'
import { createTenant } from './helpers/factories'
import { freshPayload } from './helpers/payload'

const h = (headers: Record<string, string>) => new Headers(headers)

describe('the client IP and trusted proxies (src/http)', () => {
  let restore: (() => void) | undefined
  afterEach(() => {
    restore?.()
    restore = undefined
  })

  it('normalises what proxies write: ports, brackets, IPv4-mapped IPv6; rejects what is not an address', () => {
    expect(normaliseIp('203.0.113.7:51234')).toBe('203.0.113.7')
    expect(normaliseIp('[2001:DB8::1]:443')).toBe('2001:db8::1')
    expect(normaliseIp('::ffff:198.51.100.4')).toBe('198.51.100.4')
    expect(normaliseIp(' 2001:db8::2 ')).toBe('2001:db8::2')
    expect(normaliseIp('unknown')).toBeNull()
    expect(normaliseIp('1.2.3.4.5')).toBeNull()
  })

  it('takes the right-most hop that is not a trusted proxy (default: loopback)', () => {
    // Next.js filled in the socket's peer: that is the client.
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.7' }))).toBe('203.0.113.7')
    // A client-written chain in front of an untrusted peer: only the peer counts.
    expect(clientIp(h({ 'x-forwarded-for': '6.6.6.6, 7.7.7.7, 203.0.113.7' }))).toBe('203.0.113.7')
    // Through the loopback proxy: the hop it vouches for.
    expect(clientIp(h({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 127.0.0.1' }))).toBe('203.0.113.7')
    // Only loopback hops (a local proxy that sets X-Real-IP): X-Real-IP, else the left-most.
    expect(clientIp(h({ 'x-forwarded-for': '::1', 'x-real-ip': '203.0.113.8' }))).toBe('203.0.113.8')
    expect(clientIp(h({ 'x-forwarded-for': '127.0.0.1, ::1' }))).toBe('127.0.0.1')
    // X-Real-IP from an untrusted peer is not believed.
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '6.6.6.6' }))).toBe('203.0.113.7')
    // No header at all, or a garbled hop where the client should be: nobody we can count.
    expect(clientIp(h({}))).toBeNull()
    expect(clientIp(h({ 'x-forwarded-for': 'evil, 127.0.0.1' }))).toBeNull()
  })

  it('TRUSTED_PROXIES takes addresses and CIDR blocks, IPv4 and IPv6, and refuses nonsense', () => {
    restore = setEnv({ TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::/32, 192.0.2.1' })
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.7, 192.0.2.1, 10.1.2.3' }))).toBe('203.0.113.7')
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.7, 2001:db8::9' }))).toBe('203.0.113.7')
    // Loopback is trusted only when listed.
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.7, 127.0.0.1' }))).toBe('127.0.0.1')
    restore()
    restore = setEnv({ TRUSTED_PROXIES: '10.0.0.0/33' })
    expect(() => clientIp(h({ 'x-forwarded-for': '203.0.113.7' }))).toThrow(/TRUSTED_PROXIES/)
  })

  it('believes X-Forwarded-Host only from a trusted proxy', () => {
    const forwarded = { 'x-forwarded-host': 'acme.localhost', host: 'backoffice.example' }
    expect(viaTrustedProxy(h({ ...forwarded, 'x-forwarded-for': '203.0.113.7, 127.0.0.1' }))).toBe(true)
    expect(requestHost(h({ ...forwarded, 'x-forwarded-for': '203.0.113.7, 127.0.0.1' }))).toBe('acme.localhost')
    expect(requestHost(h({ ...forwarded, 'x-forwarded-for': '203.0.113.7' }))).toBe('backoffice.example')
    expect(requestHost(h(forwarded))).toBe('backoffice.example')
  })
})

describe('CORS origins', () => {
  let payload: Payload
  let restore: (() => void) | undefined

  beforeAll(async () => {
    payload = await freshPayload()
  })
  afterEach(() => {
    restore?.()
    restore = undefined
  })

  it('allows the back-office, CORS_ORIGINS, storefront sub-domains and tenants’ own domains, nothing else', async () => {
    restore = setEnv({ SERVER_URL: 'https://backoffice.example', CORS_ORIGINS: 'https://partner.example' })
    await createTenant(payload, { domains: [{ domain: 'shop.acme.example' }] })
    await watchTenantDomains(payload)
    expect(isAllowedOrigin('https://backoffice.example')).toBe(true)
    expect(isAllowedOrigin('https://partner.example')).toBe(true)
    expect(isAllowedOrigin('http://acme-gadgets.localhost:3000')).toBe(true)
    expect(isAllowedOrigin('https://shop.acme.example')).toBe(true)
    expect(isAllowedOrigin('https://evil.example')).toBe(false)
    expect(isAllowedOrigin('https://admin.localhost')).toBe(false)
    expect(isAllowedOrigin('null')).toBe(false)
  })

  it('answers browsers through Payload’s own CORS handling: allowed origins are echoed, others get no header', async () => {
    await createTenant(payload, { domains: [{ domain: 'cors.shop.example' }] })
    await watchTenantDomains(payload)
    const allowed = await api('GET', '/health', { headers: { origin: 'https://cors.shop.example' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://cors.shop.example')
    expect(allowed.headers.get('access-control-allow-headers')).toContain('X-API-Key')
    const refused = await api('GET', '/health', { headers: { origin: 'https://evil.example' } })
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('staff cookies: Secure only in production, SameSite Lax', () => {
    expect(payload.collections.users.config.auth.cookies).toMatchObject({ secure: false, sameSite: 'Lax' })
  })
})
