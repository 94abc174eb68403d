import type { PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { readOwnTenants } from '../../access/readOwnTenants'
import { allowsOverage } from '../../plugins/billing'
import type { QuotasPluginOptions } from '../../plugins/quotas'
import { viewTarget } from '../tenancy/view-target'
import { viewedTenantOf } from '../tenancy/viewed-tenant'
import { invalidate, onInvalidate } from '../cache/invalidation'
import { runSql } from '../db/run-sql'
import { withTransaction } from '../db/transaction'
import { queueForTenants } from '../jobs/queue-for-tenants'
import { withTasks } from '../jobs/scheduled-tasks'
import { tenantTask } from '../jobs/tenant-task'
import { memberships } from '../tenancy/memberships'
import { runAsSystem, runWithTenant } from '../tenancy/request-context'
import { scopeNow } from '../tenancy/scope'
import { sendShopEmail } from '../email/send-shop-email'
import { tenantAdmins } from '../tenancy/tenant-admins'
import { isTenantUsable } from '../tenancy/tenant-status'
import type { Tenant } from '../../payload-types'

/** Ids of the tenants a user (or a users document's data) is a member of. */
const memberTenantIds = (user: unknown): string[] => [...new Set(memberships(user as Parameters<typeof memberships>[0]).map((m) => m.tenant))]

/**
 * The tenants a request acts for, for the plan's feature gates — the request's scope
 * (src/tenancy/scope.ts): a storefront's tenant; staff's tenants, narrowed to the one named by
 * API key, header or host; else none (super-admin, system work, anonymous without a tenant),
 * which the plugin reads as "not narrowed". Read after tenant resolution (the gates run in
 * beforeOperation and access), so the synchronous scope is the resolved one.
 */
function requestTenants(req: PayloadRequest): string[] {
  const scope = scopeNow(req)
  return scope.kind === 'tenants' ? [...scope.tenantIds] : []
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
    sendShopEmail,
    runWithTenant,
    runAsSystem,
  },
  db: { runSql, withTransaction },
  // The courier plugin's collections are part of the `couriers` feature (its webhook events are not: a courier keeps sending them).
  featureCollections: { whatsapp: ['numbers', 'message-templates'], messenger: ['pages'], couriers: ['couriers', 'shipments', 'courier-payouts'] },
  jobs: { tenantTask, withTasks, queueForTenants },
  // Metered overage: a shop paying through Stripe on a plan with an overage price goes past the limit, billed per unit (plugins/billing).
  allowsOverage,
  invalidation: { invalidate, onInvalidate },
  // By import-map path (Payload's way of naming admin components: the config imports no React).
  admin: {
    navLink: '/src/admin/AdminNavLink#AdminNavLink',
    viewShell: '/src/admin/AdminViewShell#AdminViewShell',
    requireAdminUser: '/src/admin/AdminViewShell#requireAdminUser',
    tenantChoices: '/src/admin/TenantChoices#TenantChoices',
    viewTarget,
  },
}
