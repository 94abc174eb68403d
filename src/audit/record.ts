import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { ACTOR_TYPES, AUDIT_ACTIONS } from '../../collections/AuditLogs'
import { impersonationOf } from '../../plugins/impersonation'
import { runSql } from '../db/run-sql'
import { dbContextFor } from '../tenancy/db-context'
import { currentTenant, explicitDbContext, runAsSystem, runWithTenant } from '../tenancy/request-context'
import type { Changes } from './changes'
import { requestMeta } from './request-meta'

export type AuditAction = (typeof AUDIT_ACTIONS)[number]
type ActorType = (typeof ACTOR_TYPES)[number]

export type AuditEntry = {
  /** null: a platform entry, read by the super-admin only. */
  tenant: null | string
  action: AuditAction
  collection?: string
  documentId?: string
  changes?: Changes
  summary?: string
  /** Who, when not the request's own caller (a failed sign-in names the email tried). */
  actor?: { type: ActorType; userId?: null | string; label?: null | string; impersonatorId?: null | string; impersonatorLabel?: null | string }
  /** The request id and IP, when written outside the request they describe. */
  meta?: { requestId: null | string; ip: null | string }
}

type Actor = NonNullable<AuditEntry['actor']>
const ON_BEHALF = 'auditOnBehalfOf'

/**
 * Make `target` (a userless request a plugin writes system-owned rows with, in the caller's
 * transaction) audit its writes under `caller`'s identity: who asked, not "system".
 */
export function actOnBehalfOf(target: PayloadRequest, caller: PayloadRequest): void {
  target.context = { ...target.context, [ON_BEHALF]: actorOf(caller) }
}

/** Who is acting in `req`: a signed-in user, an API key, a job or system task, or an anonymous caller. */
export function actorOf(req: Partial<PayloadRequest>): Actor {
  const delegated = req.context?.[ON_BEHALF] as Actor | undefined
  if (delegated) return delegated
  const user = req.user
  if (user?.collection === 'users') {
    // Inside an impersonation session (plugins/impersonation) the entry names both identities.
    const session = impersonationOf(user)
    return { type: 'user', userId: String(user.id), label: user.email, ...(session ? { impersonatorId: session.impersonatorId, impersonatorLabel: session.impersonatorEmail ?? null } : {}) }
  }
  const tenancy = currentTenant(req)
  if (tenancy?.apiKeyId) return { type: 'api-key', label: `API key ${tenancy.apiKeyId}` }
  const explicit = explicitDbContext()
  if (tenancy?.via === 'job' || tenancy?.via === 'system' || explicit) return { type: 'system', label: explicit?.bypass ?? `job (${tenancy?.via ?? 'system'})` }
  return { type: 'anonymous', label: null }
}

function insert(req: PayloadRequest, entries: AuditEntry[]) {
  const own = requestMeta(req)
  const rows = entries.map((e) => {
    const { requestId, ip } = e.meta ?? own
    const actor = e.actor ?? actorOf(req)
    const summary = e.summary ?? [e.action, e.collection, e.documentId].filter(Boolean).join(' ')
    return sql`(${e.tenant}, ${e.action}, ${summary.slice(0, 300)}, ${actor.type}, ${actor.userId ?? null}, ${actor.label ?? null},
      ${actor.impersonatorId ?? null}, ${actor.impersonatorLabel ?? null},
      ${e.collection ?? null}, ${e.documentId ?? null}, ${e.changes ? JSON.stringify(e.changes) : null}::jsonb, ${requestId}, ${ip})`
  })
  return runSql(
    req,
    sql`insert into audit_logs (tenant_id, action, summary, actor_type, actor_user_id, actor_label, impersonator_id, impersonator_label, collection, document_id, changes, request_id, ip)
        values ${sql.join(rows, sql`, `)}`,
  )
}

/**
 * Append entries to the audit log, in `req`'s transaction when it has one (a write that rolls
 * back leaves no entry). Each entry is written in its own tenant's database context — the
 * request's own when that covers it, else explicitly; platform entries (no tenant) as the system.
 */
export async function recordAudit(req: PayloadRequest, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  const context = dbContextFor(req)
  const covered = entries.filter((e) => context.bypass || (e.tenant !== null && context.tenantIds.includes(e.tenant)))
  if (covered.length > 0) await insert(req, covered)
  for (const entry of entries.filter((e) => !covered.includes(e))) {
    const actor = entry.actor ?? actorOf(req)
    const write = () => insert(req, [{ ...entry, actor }])
    if (entry.tenant === null) await runAsSystem('audit log', write)
    else await runWithTenant({ tenantId: entry.tenant, via: 'system' }, write)
  }
}
