import { isSuperAdmin } from '../../access/isSuperAdmin'
import { systemOnly } from '../../access/systemOnly'
import { tenantOwned } from '../../collections/tenantOwned'
import type { BillingPluginOptions } from '../../plugins/billing'
import { peek } from '../../plugins/quotas'
import { recordAudit } from '../audit/record'
import { systemReqFor } from '../audit/system-req'
import { runSql } from '../db/run-sql'
import { withTransaction } from '../db/transaction'
import { kickJobs } from '../jobs/kick-jobs'
import { queueForTenants } from '../jobs/queue-for-tenants'
import { withTasks } from '../jobs/scheduled-tasks'
import { processGlobal } from '../runtime/process-global'
import { endpointTenant } from '../tenancy/endpoint-tenant'
import { roleIn } from '../tenancy/memberships'
import { runAsSystem, runWithTenant } from '../tenancy/request-context'
import type { TenantRole } from '../tenancy/roles'
import { sendShopEmail } from '../email/send-shop-email'
import { tenantAdmins } from '../tenancy/tenant-admins'

/**
 * The app's pieces the billing plugin works with (plugins/billing/README.md, "Host pieces"):
 * access, the tenant-owned collection factory, the database helpers, the tenant context and the
 * endpoint-tenant rule, the tenant-admins to email, jobs, the quotas ledger's monthly usage (what
 * metered overage is computed from), the audit log, and the admin's view shell and nav link.
 */
export const billingHost: BillingPluginOptions = {
  access: { isSuperAdmin, roleIn, systemOnly },
  tenantOwned,
  db: { runSql, withTransaction },
  tenancy: {
    runWithTenant,
    runAsSystem,
    endpointTenant: (req, options) => endpointTenant(req, { ...options, roles: options.roles as readonly TenantRole[] }),
    tenantAdmins,
    sendShopEmail,
  },
  jobs: { withTasks, queueForTenants, kickJobs },
  quotas: {
    usage: async (req, tenantId, metric, at) => {
      const { used, max, period } = await peek(req, tenantId, metric, at)
      return { used, max, period }
    },
  },
  audit: (req, entry) => recordAudit(req, [entry]),
  systemReq: systemReqFor,
  admin: {
    navLink: '/src/admin/AdminNavLink#AdminNavLink',
    viewShell: '/src/admin/AdminViewShell#AdminViewShell',
    requireAdminUser: '/src/admin/AdminViewShell#requireAdminUser',
  },
  processGlobal,
}
