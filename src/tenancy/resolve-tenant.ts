import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, parseCookies, type Payload, type PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import type { Tenant } from '../../payload-types'
import { apiKeyFromHeaders, authenticateApiKey, type ResolvedApiKey } from './api-keys'
import { isPlatformHost, normaliseHost, requestHost, slugFromHost } from './host'
import { memberships } from './memberships'
import { runWithTenant, type TenantVia } from './request-context'
import { runSql } from '../db/run-sql'
import { cachedTenant, cachedTenantKey, rememberTenant } from './tenant-cache'
import { breakGlassTenantOf } from './break-glass'
import { inactiveTenantMessage, INACTIVE_TENANT_STATUSES } from './tenant-status'
import { AppError } from '../errors/app-error'
import { UUID } from '../validation/uuid'

export type ResolvedTenant = { tenant: Tenant; via: TenantVia; apiKey?: ResolvedApiKey }

/** The cookie in which @payloadcms/plugin-multi-tenant keeps the admin's selected tenant. */
export const SELECTED_TENANT_COOKIE = 'payload-tenant'

const notFound = (what: string) => new AppError('not_found', `Unknown tenant ${what}.`)

type TenantKey = { domain?: string; slug?: string; id?: string }

/**
 * Which tenant a domain, slug or id names, before any tenant context exists: the id comes from
 * the narrow SECURITY DEFINER lookup `app_resolve_tenant()` (row-level security shows the
 * registry to nobody yet), then the tenant is read in its own context. Both pass `req` so they
 * run on the request's transaction connection when an operation has opened one: a transaction
 * that waits for a second pool connection can starve the pool under concurrent writes (50
 * concurrent creates on a pool of 10 timed out before this). An id needs no lookup, and rows
 * found are kept a few seconds per process (tenant-cache.ts).
 */
async function findTenant(req: PayloadRequest, key: TenantKey): Promise<Tenant | null> {
  const cacheKey = key.id ? undefined : key.domain ? `domain:${key.domain}` : `slug:${key.slug}`
  const knownId = key.id ?? (cacheKey ? cachedTenantKey(cacheKey) : undefined)
  const known = knownId ? cachedTenant(knownId) : undefined
  if (known) return known.deletedAt ? null : known
  let id = key.id ?? null
  if (!key.id || !UUID.test(key.id)) {
    const [row] = await runSql(req, sql`select app_resolve_tenant(${key.domain ?? null}, ${key.slug ?? null}, ${key.id ?? null}::uuid) as id`)
    id = typeof row?.id === 'string' ? row.id : null
  }
  if (!id) return null
  const tenant = await runWithTenant({ tenantId: id, via: 'system' }, () => req.payload.findByID({ collection: 'tenants', id, depth: 0, overrideAccess: true, req, disableErrors: true }))
  if (tenant) rememberTenant(tenant, cacheKey)
  return tenant && !tenant.deletedAt ? tenant : null
}

/**
 * The usable tenant a host name names (its custom domain, or `<slug>.<BASE_DOMAIN>`), for pages
 * outside any request scope (the admin's branded sign-in page); null for the platform's own hosts.
 */
export async function tenantOfHostName(payload: Payload, hostHeader: null | string): Promise<Tenant | null> {
  const host = normaliseHost(hostHeader)
  if (!host || isPlatformHost(host)) return null
  const tenant = await tenantFromHost(await createLocalReq({}, payload), host)
  return tenant && !INACTIVE_TENANT_STATUSES.has(tenant.status) ? tenant : null
}

/** An id (UUID) or a slug. */
const byIdOrSlug = (value: string): TenantKey => (UUID.test(value) ? { id: value.toLowerCase() } : { slug: value.toLowerCase() })

/** Step 3: a custom domain, then `<slug>.<BASE_DOMAIN>`. Hosts of the platform itself name no tenant. */
async function tenantFromHost(req: PayloadRequest, host: string): Promise<Tenant | null> {
  if (isPlatformHost(host)) return null
  const byDomain = await findTenant(req, { domain: host })
  if (byDomain) return byDomain
  const slug = slugFromHost(host)
  if (!slug) return null
  const tenant = await findTenant(req, { slug })
  if (!tenant) throw notFound(`"${slug}" (host ${host})`)
  return tenant
}

/** Step 4: the admin's selected tenant (plugin cookie), else the user's only tenant. Never an error. */
async function tenantFromUser(req: PayloadRequest): Promise<Tenant | null> {
  const user = req.user
  if (!user || user.collection !== 'users') return null
  const superAdmin = isSuperAdmin(user)
  const mine = memberships(user).map((m) => m.tenant)
  const selected = parseCookies(req.headers).get(SELECTED_TENANT_COOKIE)?.trim()
  let candidate: null | string | undefined = null
  if (selected && UUID.test(selected) && (superAdmin || mine.includes(selected))) candidate = selected
  else if (!superAdmin && mine.length === 1) candidate = mine[0]
  return candidate ? findTenant(req, { id: candidate }) : null
}

/**
 * Which tenant a request is for, in this order:
 * 1. an API key (`X-API-Key`, or `Authorization: Bearer emk_...`) — unknown or revoked → 401;
 * 2. `X-Tenant-ID` / `X-Tenant` (id or slug) — unknown → 404;
 * 3. the Host: a tenant's custom domain, then `<slug>.<BASE_DOMAIN>` — unknown slug → 404;
 * 4. the logged-in user's selected tenant (`payload-tenant` cookie, which must be one of their
 *    memberships; the super-admin may select any) or their only tenant.
 * The first source present wins; later ones are not consulted. Then, for everyone but the
 * super-admin: a suspended/cancelled tenant → 403, and a signed-in user who is not a member of
 * the tenant named by key, header or host → 403. Returns null when nothing names a tenant.
 * Lookups bypass access (they are the platform's own work) and do not use `req`'s transaction.
 */
export async function resolveTenant(req: PayloadRequest): Promise<ResolvedTenant | null> {
  const { headers } = req
  let resolved: ResolvedTenant | null = null

  const key = apiKeyFromHeaders(headers)
  const named = (headers.get('x-tenant-id') ?? headers.get('x-tenant'))?.trim()
  const host = requestHost(headers, req.host)
  if (key) {
    const apiKey = await authenticateApiKey(req, key)
    const tenant = await findTenant(req, { id: apiKey.tenantId })
    if (!tenant) throw new AppError('unauthorized', 'This API key belongs to a tenant that no longer exists.')
    resolved = { tenant, via: 'api-key', apiKey }
  } else if (named) {
    const tenant = await findTenant(req, byIdOrSlug(named))
    if (!tenant) throw notFound(`"${named}"`)
    resolved = { tenant, via: 'header' }
  } else {
    const tenant = host ? await tenantFromHost(req, host) : null
    if (tenant) resolved = { tenant, via: 'host' }
    else {
      const selected = await tenantFromUser(req)
      if (selected) resolved = { tenant: selected, via: 'user' }
    }
  }
  if (!resolved) return null

  const user = req.user?.collection === 'users' ? req.user : null
  if (user && isSuperAdmin(user)) return resolved
  if (user && resolved.via !== 'user' && !memberships(user).some((m) => m.tenant === resolved.tenant.id)) {
    throw new AppError('forbidden', `You are not a member of tenant "${resolved.tenant.slug}".`)
  }
  const breakGlass = breakGlassTenantOf(user) === resolved.tenant.id && !resolved.tenant.deletedAt
  if (INACTIVE_TENANT_STATUSES.has(resolved.tenant.status) && !breakGlass) {
    throw new AppError('tenant_inactive', inactiveTenantMessage(resolved.tenant), { details: { tenant: resolved.tenant.slug, status: resolved.tenant.status } })
  }
  return resolved
}
