import type { PayloadRequest } from 'payload'

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
 * The request's tenant, resolved once per request (memoised; a failure — 401/403/404 — is
 * remembered too, so every operation of the request fails the same way). Local API requests
 * resolve to null: they name their tenant explicitly.
 */
export function tenantOfRequest(req: PayloadRequest): Promise<ResolvedTenant | null> {
  if (!isHttp(req)) return Promise.resolve(null)
  const context = req.context as Record<string, unknown>
  let memo = context[MEMO] as Promise<ResolvedTenant | null> | undefined
  if (!memo) {
    memo = resolveTenant(req).then((resolved) => {
      apply(req, resolved)
      return resolved
    })
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
