import { isSuperAdmin } from '../../access/isSuperAdmin'
import { tenantOwned } from '../../collections/tenantOwned'
import type { AiPluginOptions } from '../../plugins/ai'
import { isOutsideHours } from '../../plugins/meta'
import { consume, QuotaExceededError, requireFeature } from '../../plugins/quotas'
import type { Tenant } from '../../payload-types'
import { systemReqFor } from '../audit/system-req'
import { inSavepoint } from '../db/savepoint'
import { withTransaction } from '../db/transaction'
import { sendShopEmail } from '../email/send-shop-email'
import { formatMoney } from '../fields/money'
import { readJsonBody } from '../http/read-json-body'
import { kickJobs } from '../jobs/kick-jobs'
import { withTasks } from '../jobs/scheduled-tasks'
import { tenantTask } from '../jobs/tenant-task'
import { endpointTenant } from '../tenancy/endpoint-tenant'
import { runWithTenant } from '../tenancy/request-context'
import { withDefaultSettings } from '../tenancy/settings'
import { tenantAdmins } from '../tenancy/tenant-admins'

/**
 * The app's pieces the AI plugin works with (plugins/ai/README.md, "Host pieces"): access, the
 * tenant-owned collection factory, transactions, the tenant context and endpoint-tenant rule, the
 * shop's facts, the `aiRequestsPerMonth` quota and the plan's `ai` feature, jobs, hand-off email,
 * the app's JSON body rule and its money format. The provider (AI_BASE_URL, AI_API_KEY, AI_MODEL) keeps its
 * defaults from the environment, read at call time.
 */
export const aiHost: AiPluginOptions = {
  access: { isSuperAdmin },
  tenantOwned,
  db: { withTransaction, inSavepoint, systemReq: systemReqFor },
  tenancy: {
    runWithTenant,
    endpointTenant,
    shopFacts: async (req, tenantId) => {
      const tenant = (await req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req, select: { name: true, currency: true, timezone: true, settings: true } })) as Pick<
        Tenant,
        'name' | 'currency' | 'timezone' | 'settings'
      >
      return { name: tenant.name, currency: tenant.currency ?? 'BDT', timezone: tenant.timezone ?? 'Asia/Dhaka', businessHours: withDefaultSettings(tenant.settings).businessHours }
    },
    isOutsideHours: (hours, timeZone, now) => isOutsideHours({ opensAt: null, closesAt: null, days: null }, hours, timeZone, now),
    tenantAdmins,
    sendShopEmail,
  },
  quotas: {
    consume: (req, tenantId, limit, units) => consume(req, tenantId, limit, units),
    isQuotaExceeded: (error) => error instanceof QuotaExceededError,
    requireFeature: (req, tenantId, feature) => requireFeature(req, tenantId, feature),
  },
  jobs: { tenantTask, withTasks, kickJobs },
  // The assistant's bodies are `{ conversation }`: a few hundred bytes at most.
  http: { jsonBody: (req) => readJsonBody(req, { maxBytes: 4096 }) },
  formatMoney: (minor, currency) => formatMoney(minor, currency),
}
