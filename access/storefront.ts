import type { Access, Where } from 'payload'

import type { TenantCollection } from './permissions'

/**
 * Anonymous storefront reads. Tenant resolution (API key, X-Tenant header, host) arrives in
 * src/tenancy; until a tenant is resolved for the request, anonymous callers read nothing.
 */
export const storefrontRead =
  (collection: TenantCollection): Access =>
  ({ req }) => {
    const tenant = (req.context as { storefrontTenant?: string } | undefined)?.storefrontTenant
    if (!tenant) return false
    if (collection === 'products') return { and: [{ tenant: { equals: tenant } }, { status: { equals: 'active' } }] } as Where
    if (collection === 'media') return { tenant: { equals: tenant } }
    return false
  }
