import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { memberships } from '../../../src/tenancy/memberships'
import { tenantOfRequest } from '../../../src/tenancy/request-tenant'
import { usableTenantIds } from '../../../src/tenancy/usable-tenants'
import { dailyHistory, monthlyTrend, tenantUsage, usageOverview } from '../usage'
import { UUID } from '../../../src/validation/uuid'

/**
 * The tenant whose usage is asked for: `?tenant=<id>`, else the request's tenant (X-Tenant
 * header, the admin's selected tenant, or the user's only one). Staff only see tenants they
 * belong to and that are usable; the super-admin any.
 */
export async function usageTenantOf(req: PayloadRequest): Promise<string> {
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

/** GET /api/usage[?tenant=<id>] — every limit (used, max, percent, level), the monthly trend and daily history. */
export const usageEndpoint: Endpoint = {
  path: '/usage',
  method: 'get',
  handler: async (req) => {
    const tenantId = await usageTenantOf(req)
    const [usage, trend, history] = await Promise.all([tenantUsage(req, tenantId), monthlyTrend(req, tenantId), dailyHistory(req, tenantId)])
    if (!usage) throw new APIError('No such tenant.', 404, undefined, true)
    return Response.json({ ...usage, trend, history })
  },
}

/** GET /api/usage/overview[?min=80] — super-admin: tenants at or over `min` percent of any limit. */
export const usageOverviewEndpoint: Endpoint = {
  path: '/usage/overview',
  method: 'get',
  handler: async (req) => {
    if (!isSuperAdmin(req.user)) throw new APIError('Only the platform super-admin sees every tenant’s usage.', 403, undefined, true)
    const min = Number(req.query?.min ?? 80)
    if (!Number.isFinite(min) || min < 0) throw new APIError('`min` must be a percentage, 0 or more.', 400, undefined, true)
    return Response.json({ tenants: await usageOverview(req, min) })
  },
}
