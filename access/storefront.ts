import type { Access, Where } from 'payload'

import { requireScopes } from '../src/tenancy/api-keys'
import { tenantOfRequest, type TenancyRequestContext } from '../src/tenancy/request-tenant'
import type { TenantCollection } from './permissions'

/**
 * Anonymous storefront reads: with a tenant resolved for the request (API key, X-Tenant header
 * or host — see src/tenancy/resolve-tenant.ts) a caller reads that tenant's active products
 * and its media, nothing else; an API key needs the `catalog-read` scope for that (else 403).
 * Without a resolved tenant anonymous callers read nothing.
 *
 * The tenant is normally resolved by the collections' beforeOperation hook; resolving here too
 * (memoised per request) covers paths that check access without an operation, such as media
 * file downloads (`GET /api/media/file/<name>`).
 */
export const storefrontRead =
  (collection: TenantCollection): Access =>
  async ({ req }) => {
    if (collection !== 'products' && collection !== 'media') return false
    const resolved = await tenantOfRequest(req)
    const tenant = (req.context as TenancyRequestContext | undefined)?.storefrontTenant
    if (!tenant) return false
    requireScopes(resolved?.apiKey, ['catalog-read'])
    const own: Where = { tenant: { equals: tenant } }
    return collection === 'products' ? { and: [own, { status: { equals: 'active' } }] } : own
  }
