import type { Payload } from 'payload'

import { onInvalidate } from '../cache/invalidation'
import { processGlobal } from '../runtime/process-global'
import { runAsSystem } from '../tenancy/request-context'
import { normaliseHost, slugFromHost } from '../tenancy/host'

/** How often each process re-reads the tenants' custom domains. */
const REFRESH_MS = 60_000

const state = processGlobal('http.allowed-origins', () => ({ domains: new Set<string>(), timer: undefined as NodeJS.Timeout | undefined }))

const originOf = (value: string): null | string => {
  try {
    const url = new URL(value.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

const listed = (variable: string | undefined) =>
  (variable ?? '')
    .split(',')
    .map(originOf)
    .filter((o): o is string => o !== null)

/** The back-office (SERVER_URL) and CORS_ORIGINS, as origins. */
const staticOrigins = () => new Set([...listed(process.env.SERVER_URL), ...listed(process.env.CORS_ORIGINS)])

/**
 * Whether a browser page at `origin` may call the API: the back-office itself, CORS_ORIGINS, a
 * storefront at `<slug>.<BASE_DOMAIN>`, or a tenant's custom domain. Tenant hosts must be https
 * in production. Unknown slugs are let through CORS: the API then answers them 404 itself.
 */
export function isAllowedOrigin(origin: null | string | undefined): boolean {
  const normalised = origin ? originOf(origin) : null
  if (!normalised) return false
  if (staticOrigins().has(normalised)) return true
  const url = new URL(normalised)
  if (process.env.NODE_ENV === 'production' && url.protocol !== 'https:') return false
  const host = normaliseHost(url.host)
  return host !== null && (slugFromHost(host) !== null || state.domains.has(host))
}

/**
 * Payload's `cors.origins`. Payload only asks `origins.indexOf(requestOrigin) > -1`, and tenants'
 * domains live in the database, so this list answers indexOf from isAllowedOrigin() instead of
 * its (empty) contents: the origins are decided per request, without a restart.
 */
class AllowedOrigins extends Array<string> {
  override indexOf(origin: string): number {
    return isAllowedOrigin(origin) ? 0 : -1
  }
}

export const allowedOrigins = (): string[] => new AllowedOrigins()

/**
 * Payload's `csrf`: origins whose requests may use the staff session cookie. Only the
 * back-office signs staff in, so this is SERVER_URL (Payload adds it itself) plus CSRF_ORIGINS.
 * Without SERVER_URL (development) and CSRF_ORIGINS the list is empty and Payload checks nothing.
 */
export const csrfOrigins = (): string[] => listed(process.env.CSRF_ORIGINS)

/**
 * Read the tenants' custom domains now, every minute, and shortly after any tenant changes here
 * or (with Redis) on another instance — after, so the change's transaction has committed.
 */
export async function watchTenantDomains(payload: Payload): Promise<void> {
  const load = async () => {
    const { docs } = await runAsSystem('CORS: tenant domains', () =>
      payload.find({ collection: 'tenants', where: { 'domains.domain': { exists: true } }, select: { domains: true }, depth: 0, pagination: false, overrideAccess: true }),
    )
    state.domains = new Set(docs.flatMap((t) => (t.domains ?? []).map((d) => normaliseHost(d.domain)).filter((d): d is string => d !== null)))
  }
  const refresh = () => load().catch((err: unknown) => payload.logger.warn({ err }, 'could not read the tenants’ domains for CORS'))
  await refresh()
  if (!state.timer) {
    state.timer = setInterval(refresh, REFRESH_MS)
    state.timer.unref()
    let soon: NodeJS.Timeout | undefined
    onInvalidate('tenant', () => {
      clearTimeout(soon)
      soon = setTimeout(refresh, 2_000)
      soon.unref()
    })
  }
}
