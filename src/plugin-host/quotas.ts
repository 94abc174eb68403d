import type { PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { readOwnTenants } from '../../access/readOwnTenants'
import type { QuotasPluginOptions } from '../../plugins/quotas'
import { viewTarget } from '../admin/view-tenant'
import { viewedTenantOf } from '../admin/viewed-tenant'
import { runSql } from '../db/run-sql'
import { withTransaction } from '../db/transaction'
import { withSchedules } from '../jobs/scheduler'
import { tenantTask } from '../jobs/tenant-task'
import { memberships } from '../tenancy/memberships'
import { currentTenant, runAsSystem, runWithTenant } from '../tenancy/request-context'
import { tenantAdmins } from '../tenancy/tenant-admins'
import { isTenantUsable } from '../tenancy/tenant-status'
import type { Tenant } from '../../payload-types'

/** Ids of the tenants a user (or a users document's data) is a member of. */
const memberTenantIds = (user: unknown): string[] => [...new Set(memberships(user as Parameters<typeof memberships>[0]).map((m) => m.tenant))]

/**
 * The tenants a request acts for, for the plan's feature gates: the one named by API key, header
 * or host; else a staff member's tenants; else none (super-admin, system work, anonymous without
 * a tenant), which the plugin reads as "not narrowed".
 */
function requestTenants(req: PayloadRequest): string[] {
  if (isSuperAdmin(req.user)) return []
  const named = currentTenant(req)
  if (named && named.via !== 'user') return [named.tenantId]
  if (req.user?.collection === 'users') return memberTenantIds(req.user)
  return []
}

/**
 * What plugins/quotas gets from this app (payload.config.ts: `quotasPlugin(quotasHost)`): the
 * plugin imports nothing of ours, so every rule it applies that is the app's own — who is the
 * platform, who acts for which tenant, how raw SQL reaches the database, how jobs run, what the
 * admin's views look like — is handed over here. plugins/quotas/README.md, "Host pieces".
 */
export const quotasHost: QuotasPluginOptions = {
  access: {
    isSuperAdmin: (user) => isSuperAdmin(user as Parameters<typeof isSuperAdmin>[0]),
    readOwnTenants,
  },
  tenancy: {
    requestTenants,
    memberTenantIds,
    viewedTenantOf,
    isTenantUsable: (tenant) => isTenantUsable(tenant as Pick<Tenant, 'status' | 'deletedAt'>),
    tenantAdmins,
    runWithTenant,
    runAsSystem,
  },
  db: { runSql, withTransaction },
  jobs: { tenantTask, withSchedules },
  // By import-map path (Payload's way of naming admin components: the config imports no React).
  admin: {
    navLink: '/src/admin/AdminNavLink#AdminNavLink',
    viewShell: '/src/admin/AdminViewShell#AdminViewShell',
    requireAdminUser: '/src/admin/AdminViewShell#requireAdminUser',
    tenantChoices: '/src/admin/TenantChoices#TenantChoices',
    viewTarget,
  },
}
