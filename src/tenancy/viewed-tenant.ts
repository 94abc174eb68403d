import type { PayloadRequest } from 'payload'

import { endpointTenant } from './endpoint-tenant'
import { TENANT_ROLES } from './roles'

/**
 * The tenant a signed-in staff member asks to see: `?tenant=<id>`, else the request's tenant
 * (X-Tenant header, the admin's selected tenant, or the user's only one). Staff see only usable
 * tenants of their scope, in any role; the super-admin any (src/tenancy/endpoint-tenant.ts). The
 * one rule of `GET /api/usage` (plugins/quotas) and of the one-shop admin views
 * (view-target.ts: Usage, Onboarding).
 */
export const viewedTenantOf = (req: PayloadRequest): Promise<string> =>
  endpointTenant(req, {
    roles: TENANT_ROLES,
    signIn: 'Sign in to see usage.',
    choose: 'Name the tenant: ?tenant=<id>, or select one in the admin.',
    forbidden: 'You are not a member of that tenant.',
  })
