import { createLocalReq } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import type { ImpersonationPluginOptions } from '../../plugins/impersonation'
import { recordAudit } from '../audit/record'
import { readJsonBody } from '../http/read-json-body'
import { withTasks } from '../jobs/scheduled-tasks'
import { runAsAccountLookup, runAsSystem } from '../tenancy/request-context'
import { tenantsWhere } from '../tenancy/scope'
import { tenantAdmins } from '../tenancy/tenant-admins'

const locked = (user: { lockUntil?: null | string }) => Boolean(user.lockUntil && new Date(user.lockUntil).getTime() > Date.now())

/**
 * The app's pieces the impersonation plugin works with (plugins/impersonation/README.md, "Host
 * pieces"): access, the platform's and the account lookup's database contexts, the scope's
 * tenant-admin tenants, the shop's tenant-admins (break-glass's "abandoned"), the app's JSON body
 * rule, the job registry and the audit log — in the request, and for the auth strategy, which has no request yet.
 */
export const impersonationHost: ImpersonationPluginOptions = {
  access: { isSuperAdmin },
  tenancy: {
    runAsSystem,
    runAsAccountLookup,
    tenantsWhere: (req, roles) => tenantsWhere(req, roles),
    activeTenantAdmins: async (req, tenantId) => (await tenantAdmins(req, tenantId)).filter((user) => !locked(user)),
  },
  http: { jsonBody: (req) => readJsonBody(req, { maxBytes: 4096 }) },
  jobs: { withTasks },
  audit: (req, entry) => recordAudit(req, [entry]),
  auditRequest: async (payload, headers, entry, { impersonator, target }) => {
    const req = await createLocalReq({}, payload)
    Object.assign(req, { headers })
    await recordAudit(req, [{ ...entry, actor: { type: 'user', userId: target.id, label: target.email ?? null, impersonatorId: impersonator.id, impersonatorLabel: impersonator.email ?? null } }])
  },
}
