import { parse } from 'csv-parse/sync'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { rolesAllowed } from '../../access/permissions'
import { roleMay } from '../../access/roleMay'
import { systemOnly } from '../../access/systemOnly'
import { tenantOwned } from '../../collections/tenantOwned'
import type { CouriersPluginOptions } from '../../plugins/couriers'
import { consume, QuotaExceededError } from '../../plugins/quotas'
import { systemReqFor } from '../audit/system-req'
import { decryptSecret, encryptSecret, isEncrypted } from '../crypto'
import { runSql } from '../db/run-sql'
import { withTransaction } from '../db/transaction'
import { MONEY_CELL_PATH, MONEY_FIELD_PATH } from '../fields/money'
import { REVEAL_SECRETS } from '../fields/secret-field'
import { kickJobs } from '../jobs/kick-jobs'
import { queueForTenants, queueForTenantsWhere } from '../jobs/queue-for-tenants'
import { withTasks } from '../jobs/scheduled-tasks'
import { tenantTask } from '../jobs/tenant-task'
import { processGlobal } from '../runtime/process-global'
import { policyOf } from '../ratelimit/policies'
import { limiterFor } from '../ratelimit/store'
import { endpointTenant } from '../tenancy/endpoint-tenant'
import { runAsSystem, runWithTenant } from '../tenancy/request-context'
import { sendShopEmail } from '../email/send-shop-email'
import { tenantAdmins } from '../tenancy/tenant-admins'
import type { Tenant } from '../../payload-types'

/**
 * The app's pieces the courier plugin works with (plugins/couriers/README.md, "Host pieces"):
 * access and the permission matrix, the tenant-owned collection factory, the database helpers,
 * the tenant context and endpoint-tenant rule, jobs, secrets, the `shipmentsPerMonth` quota, the
 * app's limiter store (the same `rate_limits` ledger the API's limits use, or Redis) for pacing
 * provider calls, the CSV reader, and the admin's view shell and nav link by import-map path.
 */
export const couriersHost: CouriersPluginOptions = {
  access: { isSuperAdmin, roleMay, systemOnly, rolesAllowed },
  tenantOwned,
  db: { runSql, withTransaction },
  tenancy: {
    runWithTenant,
    runAsSystem,
    endpointTenant,
    tenantAdmins,
    sendShopEmail,
    tenantFacts: async (req, tenantId) => {
      const tenant = (await req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req, select: { name: true, currency: true, timezone: true, settings: true } })) as Pick<
        Tenant,
        'name' | 'currency' | 'timezone' | 'settings'
      >
      const settings = tenant.settings && typeof tenant.settings === 'object' && !Array.isArray(tenant.settings) ? (tenant.settings as Record<string, unknown>) : {}
      return { name: tenant.name, currency: tenant.currency ?? 'BDT', timezone: tenant.timezone ?? 'Asia/Dhaka', settings }
    },
  },
  jobs: { tenantTask, withTasks, queueForTenants, queueForTenantsWhere, kickJobs },
  secrets: { revealKey: REVEAL_SECRETS, encrypt: encryptSecret, decrypt: decryptSecret, isEncrypted },
  quotas: {
    consume: (req, tenantId, limit, units) => consume(req, tenantId, limit, units),
    isQuotaExceeded: (error) => error instanceof QuotaExceededError,
  },
  pace: async (key, points, seconds) => {
    const limiter = await limiterFor({ ...policyOf('courier-api', points), seconds })
    try {
      await limiter.consume(key, 1)
      return 0
    } catch (refusal) {
      const ms = (refusal as { msBeforeNext?: number }).msBeforeNext
      if (typeof ms === 'number') return Math.max(1, ms)
      throw refusal
    }
  },
  systemReq: systemReqFor,
  csv: { parse: (text) => parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) },
  admin: {
    navLink: '/src/admin/AdminNavLink#AdminNavLink',
    viewShell: '/src/admin/AdminViewShell#AdminViewShell',
    requireAdminUser: '/src/admin/AdminViewShell#requireAdminUser',
    money: { Field: MONEY_FIELD_PATH, Cell: MONEY_CELL_PATH },
  },
  processGlobal,
}
