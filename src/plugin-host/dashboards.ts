import { isSuperAdmin } from '../../access/isSuperAdmin'
import { tenantOwned } from '../../collections/tenantOwned'
import type { DashboardsPluginOptions } from '../../plugins/dashboards'
import type { Tenant } from '../../payload-types'
import { recordAudit } from '../audit/record'
import { runSql } from '../db/run-sql'
import { csvCell } from '../export/csv-cell'
import { formatMoney, minorDigits } from '../fields/money'
import { withTransaction } from '../db/transaction'
import { queueForTenantsWhere } from '../jobs/queue-for-tenants'
import { withTasks } from '../jobs/scheduled-tasks'
import { tenantTask } from '../jobs/tenant-task'
import { endpointTenant } from '../tenancy/endpoint-tenant'
import { runWithTenant } from '../tenancy/request-context'
import { roleInScope, scopeOf } from '../tenancy/scope'
import { viewTarget } from '../tenancy/view-target'

/**
 * The app's pieces the dashboards plugin works with (plugins/dashboards/README.md, "Host
 * pieces"): access, the database helpers, the tenant context and endpoint-tenant rule, the
 * caller's role (which sections it sees), the shop's time zone, jobs, and which plugins' tables
 * exist (the inbox's and the couriers' are both installed here), and the admin's view target
 * rule and money format for the shop's home, the Reports view's shell, the tenant-owned
 * collection factory, the audit log and the CSV cell of the app's exports.
 */
export const dashboardsHost: DashboardsPluginOptions = {
  access: { isSuperAdmin },
  db: { runSql, withTransaction },
  tenancy: {
    runWithTenant,
    endpointTenant,
    roleIn: async (req, tenantId) => {
      const scope = await scopeOf(req)
      return scope.kind === 'platform' ? 'super-admin' : roleInScope(scope, tenantId)
    },
    tenantFacts: async (req, tenantId) => {
      const tenant = (await req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req, select: { currency: true, timezone: true, slug: true } })) as Pick<
        Tenant,
        'currency' | 'timezone' | 'slug'
      >
      return { currency: tenant.currency ?? 'BDT', timezone: tenant.timezone ?? 'Asia/Dhaka', slug: tenant.slug ?? undefined }
    },
  },
  jobs: { tenantTask, withTasks, queueForTenantsWhere },
  sources: { inbox: true, couriers: true, billing: true },
  admin: {
    viewTarget,
    formatMoney: (minor, currency) => formatMoney(minor, currency),
    minorDigits,
    // The Reports view, by import-map path (Payload's way of naming admin components).
    viewShell: '/src/admin/AdminViewShell#AdminViewShell',
    requireAdminUser: '/src/admin/AdminViewShell#requireAdminUser',
    navLink: '/src/admin/AdminNavLink#AdminNavLink',
  },
  // The report settings are a tenant-owned collection like the app's; an export is audited; the CSV's cells are escaped like the app's exports.
  tenantOwned,
  audit: (req, entry) => recordAudit(req, [entry]),
  csvCell,
}
