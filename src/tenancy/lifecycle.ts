import { type CollectionAfterChangeHook, type CollectionBeforeChangeHook, type CollectionBeforeDeleteHook } from 'payload'

import type { Tenant } from '../../payload-types'
import { recordAudit, type AuditEntry } from '../audit/record'
import { AppError } from '../errors/app-error'

/** How long a soft-deleted tenant can be restored before the purge job removes it: TENANT_RETENTION_DAYS, default 30. */
export const tenantRetentionDays = (): number => Math.max(0, Number(process.env.TENANT_RETENTION_DAYS ?? 30) || 30)

/** The context flag with which only the purge job may really delete a tenant. */
export const PURGE_TENANT = 'purgeTenant'

const day = 86_400_000

/**
 * beforeChange of tenants — the lifecycle rules:
 * - suspending needs a reason (told to its staff when they try to sign in), stamped with the time;
 *   reactivating clears both;
 * - setting `deletedAt` is a soft delete: the tenant becomes `cancelled` (it disappears from
 *   resolution, sign-in, API keys and jobs) and remembers its status;
 * - clearing `deletedAt` restores it with that status, within the retention period only.
 */
export const tenantLifecycle: CollectionBeforeChangeHook<Tenant> = ({ data, originalDoc, operation }) => {
  if (operation !== 'update' || !originalDoc) return data
  const next = { ...data }
  const now = new Date()
  const wasDeleted = Boolean(originalDoc.deletedAt)
  if (!wasDeleted && next.deletedAt) {
    next.statusBeforeDeletion = originalDoc.status
    next.status = 'cancelled'
    next.deletedAt = now.toISOString()
  } else if (wasDeleted && 'deletedAt' in next && !next.deletedAt) {
    const until = Date.parse(originalDoc.deletedAt!) + tenantRetentionDays() * day
    if (now.getTime() > until) {
      throw new AppError('invalid_input', `This tenant was deleted on ${originalDoc.deletedAt!.slice(0, 10)}; it could be restored for ${tenantRetentionDays()} days only.`)
    }
    next.status = originalDoc.statusBeforeDeletion ?? 'active'
    next.statusBeforeDeletion = null
  } else if (wasDeleted && next.status && next.status !== originalDoc.status) {
    throw new AppError('invalid_input', 'A deleted tenant keeps its status; restore it first (clear "Deleted at").')
  }
  const status = next.status ?? originalDoc.status
  if (status === 'suspended' && originalDoc.status !== 'suspended') {
    const reason = (next.suspendedReason ?? '').trim()
    if (!reason) throw new AppError('invalid_input', 'Give a reason to suspend this tenant; its staff are told it when they try to sign in.', { path: 'suspendedReason' })
    next.suspendedReason = reason
    next.suspendedAt = now.toISOString()
  } else if (status !== 'suspended' && originalDoc.status === 'suspended') {
    next.suspendedReason = null
    next.suspendedAt = null
  }
  return next
}

/** afterChange of tenants: lifecycle transitions get their own audit entries (besides the update's). */
export const auditLifecycle: CollectionAfterChangeHook<Tenant> = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || !previousDoc) return doc
  const entry = (action: AuditEntry['action'], summary: string): AuditEntry => ({ tenant: doc.id, action, collection: 'tenants', documentId: doc.id, summary })
  const entries: AuditEntry[] = []
  if (!previousDoc.deletedAt && doc.deletedAt) entries.push(entry('soft-delete', `soft-delete ${doc.slug}`))
  else if (previousDoc.deletedAt && !doc.deletedAt) entries.push(entry('restore', `restore ${doc.slug}`))
  else if (previousDoc.status !== 'suspended' && doc.status === 'suspended') entries.push(entry('suspend', `suspend ${doc.slug}: ${doc.suspendedReason}`))
  else if (previousDoc.status === 'suspended' && doc.status !== 'suspended') entries.push(entry('reactivate', `reactivate ${doc.slug}`))
  await recordAudit(req, entries)
  return doc
}

/** beforeDelete of tenants: never a hard delete at click time (the multi-tenant plugin would cascade). */
export const refuseHardDelete: CollectionBeforeDeleteHook = ({ req }) => {
  if (req.context?.[PURGE_TENANT]) return
  throw new AppError('invalid_input', `Tenants are deleted softly: set "Deleted at" (it can be restored for ${tenantRetentionDays()} days); the purge job removes it for good after that.`)
}
