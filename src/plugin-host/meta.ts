import { isSuperAdmin } from '../../access/isSuperAdmin'
import { roleMay } from '../../access/roleMay'
import { systemOnly } from '../../access/systemOnly'
import { tenantOwned } from '../../collections/tenantOwned'
import type { MetaPluginOptions } from '../../plugins/meta'
import { queueAutoReply } from '../../plugins/ai'
import { consume, QuotaExceededError } from '../../plugins/quotas'
import { decryptSecret, isEncrypted } from '../crypto'
import { runSql } from '../db/run-sql'
import { inSavepoint } from '../db/savepoint'
import { withTransaction } from '../db/transaction'
import { REVEAL_SECRETS } from '../fields/secret-field'
import { kickJobs } from '../jobs/kick-jobs'
import { queueForTenants } from '../jobs/queue-for-tenants'
import { withTasks } from '../jobs/scheduled-tasks'
import { tenantTask } from '../jobs/tenant-task'
import { processGlobal } from '../runtime/process-global'
import { memberships, roleIn } from '../tenancy/memberships'
import { runAsSystem, runWithTenant } from '../tenancy/request-context'
import { withDefaultSettings } from '../tenancy/settings'
import { sendShopEmail } from '../email/send-shop-email'
import { tenantAdmins } from '../tenancy/tenant-admins'
import { isEmail } from '../validation/email'
import { isPhone, normalisePhone, PHONE_MESSAGE } from '../validation/phone'

/**
 * The app's pieces the Meta plugin works with (plugins/meta/README.md, "Host pieces"): its
 * access rules and permission matrix, the tenant-owned collection factory, the database helpers,
 * the tenant context, the job mechanism, secrets, quotas, the phone and e-mail rules, and the
 * admin's view shell and nav link (by import-map path). The one place that imports them for it;
 * payload.config.ts passes this to `metaPlugin`. Settings (Graph URL, secrets, limits) keep
 * their defaults from the environment.
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
    sendShopEmail,
    businessHours: (settings) => withDefaultSettings(settings).businessHours,
  },
  jobs: { tenantTask, withTasks, queueForTenants, kickJobs },
  secrets: { revealKey: REVEAL_SECRETS, decrypt: decryptSecret, isEncrypted },
  quotas: {
    consume: (req, tenantId, limit, units) => consume(req, tenantId, limit, units),
    isQuotaExceeded: (error) => error instanceof QuotaExceededError,
  },
  validation: { isPhone, normalisePhone, phoneMessage: PHONE_MESSAGE, isEmail },
  // By import-map path (Payload's way of naming admin components: the config imports no React).
  admin: {
    navLink: '/src/admin/AdminNavLink#AdminNavLink',
    viewShell: '/src/admin/AdminViewShell#AdminViewShell',
    requireAdminUser: '/src/admin/AdminViewShell#requireAdminUser',
    // The AI assistant's buttons in every thread (plugins/ai/admin/InboxAssistant.tsx).
    threadTools: '/plugins/ai/admin/InboxAssistant#InboxAssistant',
  },
  processGlobal,
  // The AI assistant's auto-reply reacts to a stored customer message (plugins/ai).
  inbound: { after: [queueAutoReply] },
}
