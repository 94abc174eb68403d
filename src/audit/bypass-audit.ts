import { createLocalReq, type Payload } from 'payload'

import { onDatabaseBypass } from '../db/rls/bypass'
import { runAsSystem } from '../tenancy/request-context'
import { recordAudit } from './record'

/**
 * The super-admin's reads see every tenant's rows (row-level security's bypass, src/db/rls):
 * each such request (once, however many queries) becomes a platform entry in the audit log.
 * Written beside the request, not in it: a read has no transaction to join.
 */
export function auditSuperAdminReads(payload: Payload): () => void {
  return onDatabaseBypass((record) => {
    if (record.kind !== 'super-admin' || record.method !== 'GET') return
    const write = async () => {
      const req = await createLocalReq({}, payload)
      await recordAudit(req, [
        {
          tenant: null,
          action: 'read-across-tenants',
          summary: `${record.method} ${record.path ?? ''}`.trim().slice(0, 300),
          actor: { type: 'user', userId: record.userId ?? null, label: record.email ?? null },
          meta: { requestId: record.requestId ?? null, ip: record.ip ?? null },
        },
      ])
    }
    runAsSystem('audit log', write).catch((err: unknown) => payload.logger.error({ err }, 'could not record a super-admin read in the audit log'))
  })
}
