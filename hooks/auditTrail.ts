import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'
import { extractID } from 'payload/shared'

import { changedFields } from '../src/audit/changes'
import { recordAudit, type AuditEntry } from '../src/audit/record'
import { memberships } from '../src/tenancy/memberships'

type Doc = Record<string, unknown> & { id?: unknown }

/** The tenants a document's entry belongs to: its tenant; a tenant itself; a user's memberships. */
function tenantsOf(slug: string, ...docs: (Doc | null | undefined)[]): (null | string)[] {
  // A purged tenant's own delete entry is a platform one (the tenant row is gone).
  if (slug === 'tenants') return docs[0] ? [String(docs[0].id)] : [null]
  if (slug === 'users') {
    const ids = [...new Set(docs.flatMap((doc) => memberships(doc as never).map((m) => m.tenant)))]
    return ids.length > 0 ? ids : [null]
  }
  const tenant = docs.map((doc) => (doc?.tenant ? extractID(doc.tenant as string) : null)).find(Boolean)
  return [tenant ?? null]
}

const entries = (slug: string, action: AuditEntry['action'], doc: Doc, before: Doc | null, after: Doc | null): AuditEntry[] => {
  const changes = changedFields(before, after)
  return tenantsOf(slug, after, before).map((tenant) => ({ tenant, action, collection: slug, documentId: String(doc.id), changes }))
}

/** afterChange: every create and update is logged with the fields it changed (audit-logs). */
export const auditChange: CollectionAfterChangeHook = async ({ collection, doc, previousDoc, operation, req }) => {
  const before = operation === 'create' ? null : (previousDoc as Doc)
  const found = entries(collection.slug, operation, doc as Doc, before, doc as Doc)
  // An update that changed nothing but bookkeeping is not worth an entry.
  if (operation === 'update' && found.every((e) => Object.keys(e.changes ?? {}).length === 0)) return doc
  await recordAudit(req, found)
  return doc
}

/** afterDelete: the deleted document's last values. */
export const auditDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  await recordAudit(req, entries(collection.slug, 'delete', doc as Doc, doc as Doc, null))
}
