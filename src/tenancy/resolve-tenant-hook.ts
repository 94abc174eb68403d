import type { CollectionBeforeOperationHook } from 'payload'

import { tenantOfRequest } from './request-tenant'

/**
 * First beforeOperation hook of every tenant-owned collection: resolves the request's tenant
 * (API key → X-Tenant header → host → the user's selected tenant) before access is evaluated,
 * so `req.context.storefrontTenant` is set for anonymous/API-key callers, 401/403/404 answer
 * as JSON (REST) or as errors (GraphQL), and `currentTenant(req)` works in every later hook.
 * Resolution is memoised per request; Local API calls without an HTTP `req` skip it.
 */
export const resolveTenantBeforeOperation: CollectionBeforeOperationHook = async ({ req }) => {
  await tenantOfRequest(req)
}
