import type { PayloadRequest } from 'payload'

import { tenantQuota } from '../../plugins/quotas'
import { clientIp } from '../http/client-ip'
import { apiKeyFromHeaders } from '../tenancy/api-keys'
import type { ResolvedTenant } from '../tenancy/resolve-tenant'
import { allLimits } from './all-limits'
import { UNKNOWN_IP } from './by-ip'
import { enforce } from './enforce'

/**
 * Uploaded files (`GET /api/<upload collection>/file/<name>`) are not counted: a catalogue page
 * shows dozens of images, which belong behind a CDN's cache, not in a shop's API budget. Access
 * to them is still checked (access/storefront.ts).
 */
export function isFileDownload(req: PayloadRequest): boolean {
  if (req.method !== 'GET') return false
  let pathname = ''
  try {
    pathname = new URL(req.url ?? '', 'http://x').pathname
  } catch {
    return false
  }
  const slug = pathname.match(/\/([^/]+)\/file\/[^/]+$/)?.[1]
  return slug !== undefined && Boolean((req.payload.collections as Record<string, { config: { upload?: unknown } } | undefined>)[slug]?.config.upload)
}

/** Strangers: no signed-in user and no API key. */
export const isAnonymous = (req: PayloadRequest): boolean => !req.user && !apiKeyFromHeaders(req.headers)

/**
 * Anonymous REST/GraphQL requests, per IP (`api-ip`), so one stranger cannot spend a shop's
 * whole per-tenant budget and lock its storefront for everybody else.
 */
export function limitAnonymousApi(req: PayloadRequest): Promise<void> {
  const ip = clientIp(req.headers) ?? UNKNOWN_IP
  return enforce(req, 'api-ip', { key: ip, label: ip })
}

/**
 * The tenant's API traffic — API keys and anonymous storefronts, not its signed-in staff, whose
 * admin panel must keep working while a storefront is throttled — per tenant (`api-tenant`, the
 * plan's or override's `apiRequestsPerMinute`, else the platform default), and per API key when
 * the key has a `requestsPerMinute` of its own (`api-key`). Counted in one round trip. Their
 * keys start `t:<tenant id>` (in Redis: `emerkater:rl:api-tenant:t:<id>`), so a shop's counters
 * can be found, and dropped, by its id.
 */
export async function limitTenantApi(req: PayloadRequest, resolved: ResolvedTenant): Promise<void> {
  if (req.user) return
  const tenant = resolved.tenant.id
  const quota = await tenantQuota(req, tenant)
  const key = resolved.apiKey
  await allLimits([
    ...(key?.requestsPerMinute ? [enforce(req, 'api-key', { key: `t:${tenant}:key:${key.id}`, points: key.requestsPerMinute, tenant, label: `API key ${key.label}` })] : []),
    enforce(req, 'api-tenant', { key: `t:${tenant}`, points: quota?.apiRequestsPerMinute, tenant, label: `shop ${resolved.tenant.slug}` }),
  ])
}
