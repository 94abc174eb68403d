import type { PayloadRequest } from 'payload'

import { isTenantUsable } from './tenant-status'

/**
 * Of `ids`, the tenants that are usable (not suspended, cancelled or deleted), so staff who
 * belong to several tenants reach nothing of a suspended one while the rest keeps working.
 * Answers are memoised per request in `req.context`; only ids not seen yet are looked up.
 */
export async function usableTenantIds(req: PayloadRequest, ids: string[]): Promise<string[]> {
  const context = req.context as { usableTenants?: Map<string, Promise<boolean>> }
  const known = (context.usableTenants ??= new Map())
  const missing = ids.filter((id) => !known.has(id))
  if (missing.length > 0) {
    const lookup = req.payload
      .find({
        collection: 'tenants',
        where: { id: { in: missing } },
        depth: 0,
        limit: missing.length,
        pagination: false,
        overrideAccess: true,
        // On the request's transaction, if any (see findTenant in resolve-tenant.ts).
        req,
        select: { status: true, deletedAt: true },
      })
      .then(({ docs }) => new Set(docs.filter((t) => isTenantUsable(t)).map((t) => String(t.id))))
    for (const id of missing) known.set(id, lookup.then((usable) => usable.has(id)))
  }
  const usable = await Promise.all(ids.map((id) => known.get(id)!))
  return ids.filter((_, i) => usable[i])
}
