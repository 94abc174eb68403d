import { APIError, type PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { memberships } from '../tenancy/memberships'
import { tenantOfRequest } from '../tenancy/request-tenant'
import { usableTenantIds } from '../tenancy/usable-tenants'
import { UUID } from '../validation/uuid'

/**
 * The tenant a signed-in staff member asks to see: `?tenant=<id>`, else the request's tenant
 * (X-Tenant header, the admin's selected tenant, or the user's only one). Staff only see tenants
 * they belong to and that are usable; the super-admin any. The one rule of `GET /api/usage`
 * (plugins/quotas) and of the one-shop admin views (view-tenant.ts: Usage, Onboarding).
 */
export async function viewedTenantOf(req: PayloadRequest): Promise<string> {
  const user = req.user
  if (!user || user.collection !== 'users') throw new APIError('Sign in to see usage.', 401, undefined, true)
  const asked = typeof req.query?.tenant === 'string' ? req.query.tenant : undefined
  if (asked !== undefined && !UUID.test(asked)) throw new APIError('`tenant` must be a tenant id.', 400, undefined, true)
  const tenantId = asked ?? (await tenantOfRequest(req))?.tenant.id
  if (!tenantId) throw new APIError('Name the tenant: ?tenant=<id>, or select one in the admin.', 400, undefined, true)
  if (isSuperAdmin(user)) return tenantId
  const mine = memberships(user).map((m) => m.tenant)
  if (!mine.includes(tenantId) || (await usableTenantIds(req, [tenantId])).length === 0) {
    throw new APIError('You are not a member of that tenant.', 403, undefined, true)
  }
  return tenantId
}
