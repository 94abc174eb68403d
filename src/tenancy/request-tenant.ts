import type { PayloadRequest } from 'payload'

import { isAnonymous, isFileDownload, limitAnonymousApi, limitTenantApi } from '../ratelimit/api-limits'
import { fillRequestScope, runWithTenant, type TenantContext } from './request-context'
import { resolveTenant, type ResolvedTenant } from './resolve-tenant'

/**
 * What a request carries in `req.context` once its tenant is resolved:
 * - `tenancy`: the TenantContext (`currentTenant(req)` returns it);
 * - `storefrontTenant`: the tenant id, only for callers that are not signed-in users (anonymous
 *   storefronts and API keys) — access/storefront.ts and hooks/tenantGuard.ts read it.
 */
export type TenancyRequestContext = { storefrontTenant?: string; tenancy?: TenantContext }

/**
 * The memo lives in req.context (not in a WeakMap keyed by req): GraphQL resolvers see req
 * through a Proxy, and nested Local API calls copy req.context shallowly, so both still find it.
 */
const MEMO = 'tenantResolution'

/** Only requests that came in over HTTP (REST, GraphQL, custom endpoints) name a tenant. */
const isHttp = (req: PayloadRequest) => req.payloadAPI !== 'local'

function apply(req: PayloadRequest, resolved: ResolvedTenant | null): void {
  if (!resolved) return
  const tenancy: TenantContext = Object.freeze({
    tenantId: resolved.tenant.id,
    via: resolved.via,
    ...(req.user ? { userId: String(req.user.id) } : {}),
    ...(resolved.apiKey ? { apiKeyId: resolved.apiKey.id } : {}),
  })
  const context = req.context as TenancyRequestContext
  context.tenancy = tenancy
  if (!req.user) context.storefrontTenant = resolved.tenant.id
  fillRequestScope(tenancy)
}

/**
 * Resolve, and count the request against the API rate limits (src/ratelimit/api-limits.ts):
 * an anonymous caller per IP (in parallel with the lookup), then the tenant's API traffic per
 * tenant and per API key (uploaded files are not counted). A refusal (429) fails the request
 * like a failed resolution.
 */
async function resolveAndCount(req: PayloadRequest): Promise<ResolvedTenant | null> {
  const counted = !isFileDownload(req)
  const [perIp, resolution] = await Promise.allSettled([counted && isAnonymous(req) ? limitAnonymousApi(req) : undefined, resolveTenant(req)])
  if (perIp.status === 'rejected') throw perIp.reason
  if (resolution.status === 'rejected') throw resolution.reason
  const resolved = resolution.value
  // Applied first: the plan's limit is read in the resolved tenant's database context.
  apply(req, resolved)
  if (resolved && counted) await limitTenantApi(req, resolved)
  return resolved
}

/**
 * The request's tenant, resolved once per request (memoised; a failure — 401/403/404, or 429
 * from the API rate limits — is remembered too, so every operation of the request fails the
 * same way). The memo is also what makes the rate limits count an HTTP request once, however
 * many operations it runs (GraphQL, nested Local API calls). Local API requests resolve to
 * null: they name their tenant explicitly, and are not counted.
 */
export function tenantOfRequest(req: PayloadRequest): Promise<ResolvedTenant | null> {
  if (!isHttp(req)) return Promise.resolve(null)
  const context = req.context as Record<string, unknown>
  let memo = context[MEMO] as Promise<ResolvedTenant | null> | undefined
  if (!memo) {
    // Stored before any work starts: the lookups' Local API calls (createLocalReq) replace an
    // empty req.context with a new object, which would lose a memo written after them; a
    // non-empty one is copied, memo included.
    memo = Promise.resolve().then(() => resolveAndCount(req))
    context[MEMO] = memo
  }
  return memo
}

/** For custom endpoints: resolve, then run `fn` with the tenant in the async context. */
export async function withRequestTenant<T>(req: PayloadRequest, fn: (resolved: ResolvedTenant | null) => Promise<T>): Promise<T> {
  const resolved = await tenantOfRequest(req)
  const tenancy = (req.context as TenancyRequestContext).tenancy
  return resolved && tenancy ? runWithTenant(tenancy, () => fn(resolved)) : fn(resolved)
}
