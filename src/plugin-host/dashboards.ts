import { isSuperAdmin } from '../../access/isSuperAdmin'
import type { DashboardsPluginOptions } from '../../plugins/dashboards'
import type { Tenant } from '../../payload-types'
import { runSql } from '../db/run-sql'
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
 * rule and money format for the shop's home.
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
      const tenant = (await req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req, select: { currency: true, timezone: true } })) as Pick<
        Tenant,
        'currency' | 'timezone'
      >
      return { currency: tenant.currency ?? 'BDT', timezone: tenant.timezone ?? 'Asia/Dhaka' }
    },
  },
  jobs: { tenantTask, withTasks, queueForTenantsWhere },
  sources: { inbox: true, couriers: true, billing: true },
  admin: { viewTarget, formatMoney: (minor, currency) => formatMoney(minor, currency), minorDigits },
}
