import type { PayloadRequest } from 'payload'

import type { TenantWork } from '../host'
import type { ResolvedDashboardsOptions } from '../options'
import type { DashboardRole } from '../permissions'

/** The shop a dashboard endpoint acts on (`?tenant=`, else the request's), for callers holding one of `roles` there. */
export async function dashboardTenant(options: ResolvedDashboardsOptions, req: PayloadRequest, roles: readonly DashboardRole[], what: string): Promise<{ tenantId: string; work: TenantWork }> {
  const tenantId = await options.tenancy.endpointTenant(req, {
    roles,
    signIn: 'Sign in first.',
    choose: 'Name the shop: ?tenant=<id>.',
    forbidden: `Your role may not ${what} in this shop.`,
  })
  return { tenantId, work: { tenantId, via: 'user', userId: String(req.user!.id) } }
}
