import type { Endpoint } from 'payload'

import { hostOf } from '../options'
import { DASHBOARD_ROLES } from '../permissions'
import { loadSummary } from '../summary/load'
import { dashboardTenant } from './tenant'

/**
 * GET /api/dashboards/summary?period=today|7d|30d|month|custom[&from&to][&tenant=<id>] — the
 * shop's KPIs for the period against the previous one, read from the daily rollup only (so it
 * costs O(days), whatever the number of orders): the sections the caller's role sees
 * (permissions.ts), each with tiles (linking to the filtered list), breakdowns and per-day
 * series. Any staff role of the shop may call it; a section it may not see is left out.
 */
export const summaryEndpoint: Endpoint = {
  path: '/dashboards/summary',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const { tenantId, work } = await dashboardTenant(options, req, DASHBOARD_ROLES, 'see the dashboard')
    const summary = await options.tenancy.runWithTenant(work, () => loadSummary(options, req, tenantId, req.query))
    return Response.json(summary, { headers: { 'cache-control': 'no-store' } })
  },
}
