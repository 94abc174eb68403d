import { viaTrustedProxy } from '../http/via-trusted-proxy'

/**
 * Host names → storefront tenants. A tenant is reached by one of its custom domains
 * (`tenants.domains[]`) or by `<slug>.<BASE_DOMAIN>`.
 *
 * BASE_DOMAIN defaults to `localhost`, so `http://acme-gadgets.localhost:3000` reaches the demo
 * tenant in development without any DNS set-up (browsers resolve `*.localhost` to loopback).
 * In production set it to the platform's storefront domain, e.g. `shops.example.com`.
 */
export const DEFAULT_BASE_DOMAIN = 'localhost'

/** Sub-domains of BASE_DOMAIN that are never tenants (the back-office itself, marketing site). */
export const RESERVED_SUBDOMAINS: ReadonlySet<string> = new Set(['www', 'admin', 'api', 'app'])

export const baseDomain = (): string =>
  (process.env.BASE_DOMAIN || DEFAULT_BASE_DOMAIN)
    .trim()
    .toLowerCase()
    .replace(/^\.+|\.+$/g, '')

/** `Acme.Example.com:3000` → `acme.example.com`; IPv6 literals keep their brackets. */
export function normaliseHost(value: null | string | undefined): null | string {
  const raw = value?.split(',')[0]?.trim().toLowerCase()
  if (!raw) return null
  const host = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1) : raw.replace(/:\d+$/, '')
  return host.replace(/\.$/, '') || null
}

/**
 * The host the caller asked for: X-Forwarded-Host when a trusted proxy set it (TRUSTED_PROXIES,
 * see src/http/via-trusted-proxy.ts), else Host. From anyone else X-Forwarded-Host is ignored.
 */
export function requestHost(headers: Headers, fallback?: string): null | string {
  const forwarded = viaTrustedProxy(headers) ? headers.get('x-forwarded-host') : null
  return normaliseHost(forwarded ?? headers.get('host') ?? fallback)
}

/** Hosts that cannot name a tenant: IP literals, bare BASE_DOMAIN, `localhost`, the back-office URL. */
export function isPlatformHost(host: string): boolean {
  if (host === baseDomain() || host === 'localhost' || host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return true
  const server = normaliseHost(safeHost(process.env.SERVER_URL))
  return server !== null && host === server
}

/** `acme.<BASE_DOMAIN>` → `acme`; anything else (deeper names, reserved labels) → null. */
export function slugFromHost(host: string): null | string {
  const suffix = `.${baseDomain()}`
  if (!host.endsWith(suffix)) return null
  const label = host.slice(0, -suffix.length)
  if (!label || label.includes('.') || RESERVED_SUBDOMAINS.has(label)) return null
  return label
}

function safeHost(url: string | undefined): null | string {
  if (!url) return null
  try {
    return new URL(url).host
  } catch {
    return null
  }
}
