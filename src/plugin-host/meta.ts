import { isSuperAdmin } from '../../access/isSuperAdmin'
import { roleMay } from '../../access/roleMay'
import { systemOnly } from '../../access/systemOnly'
import { tenantOwned } from '../../collections/tenantOwned'
import type { MetaPluginOptions } from '../../plugins/meta'
import { consume, QuotaExceededError } from '../../plugins/quotas'
import { decryptSecret, isEncrypted } from '../crypto'
import { runSql } from '../db/run-sql'
import { inSavepoint } from '../db/savepoint'
import { withTransaction } from '../db/transaction'
import { REVEAL_SECRETS } from '../fields/secret-field'
import { kickJobs } from '../jobs/kick-jobs'
import { withSchedules } from '../jobs/scheduler'
import { tenantTask } from '../jobs/tenant-task'
import { processGlobal } from '../process-global'
import { memberships, roleIn } from '../tenancy/memberships'
import { E164 } from '../tenancy/phone'
import { runAsSystem, runWithTenant } from '../tenancy/request-context'
import { withDefaultSettings } from '../tenancy/settings'
import { tenantAdmins } from '../tenancy/tenant-admins'

/**
 * The app's pieces the Meta plugin works with (plugins/meta/README.md, "Host pieces"): its
 * access rules and permission matrix, the tenant-owned collection factory, the database helpers,
 * the tenant context, the job mechanism, secrets, quotas and the phone rule. The one place that
 * imports them for it; payload.config.ts passes this to `metaPlugin`. Settings (Graph URL,
 * secrets, limits) keep their defaults from the environment.
 */
export const metaHost: MetaPluginOptions = {
  access: { isSuperAdmin, roleMay, systemOnly },
  tenantOwned,
  db: { runSql, withTransaction, inSavepoint },
  tenancy: {
    runWithTenant,
    runAsSystem,
    memberships,
    roleIn,
    tenantAdmins,
    businessHours: (settings) => withDefaultSettings(settings).businessHours,
  },
  jobs: { tenantTask, withSchedules, kickJobs },
  secrets: { revealKey: REVEAL_SECRETS, decrypt: decryptSecret, isEncrypted },
  quotas: {
    consume: (req, tenantId, limit, units) => consume(req, tenantId, limit, units),
    isQuotaExceeded: (error) => error instanceof QuotaExceededError,
  },
  isPhone: (value) => E164.test(value),
  processGlobal,
}
