import { APIError, type Endpoint } from 'payload'

import { quotaOptions } from '../options'
import { dailyHistory, monthlyTrend, tenantUsage, usageOverview } from '../usage'

/**
 * GET /api/usage[?tenant=<id>] — every limit (used, max, percent, level), the monthly trend and
 * daily history of the tenant the caller asks for (`?tenant=`, else the request's tenant: X-Tenant
 * header, the admin's selected tenant, or the user's only one), checked by the host's rule
 * (`tenancy.viewedTenantOf`: staff only their own usable tenants, the super-admin any).
 */
export const usageEndpoint: Endpoint = {
  path: '/usage',
  method: 'get',
  handler: async (req) => {
    const tenantId = await quotaOptions(req.payload).tenancy.viewedTenantOf(req)
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
    if (!quotaOptions(req.payload).access.isSuperAdmin(req.user)) throw new APIError('Only the platform super-admin sees every tenant’s usage.', 403, undefined, true)
    const min = Number(req.query?.min ?? 80)
    if (!Number.isFinite(min) || min < 0) throw new APIError('`min` must be a percentage, 0 or more.', 400, undefined, true)
    return Response.json({ tenants: await usageOverview(req, min) })
  },
}
