import type { PayloadRequest } from 'payload'

import { breakGlassTenantOf } from './break-glass'
import { currentTenant } from './request-context'
import { cachedStatus, rememberStatus } from './tenant-cache'
import { isTenantUsable } from './tenant-status'

/**
 * Of `ids`, the tenants that are usable (not suspended, cancelled or deleted), so staff who
 * belong to several tenants reach nothing of a suspended one while the rest keeps working.
 * Tenants found in the per-process cache (tenant-cache.ts, filled by tenant resolution) need no
 * query; answers are memoised per request in `req.context`, and only ids not known yet are
 * looked up, in one query.
 */
export async function usableTenantIds(req: PayloadRequest, ids: string[]): Promise<string[]> {
  const context = req.context as { usableTenants?: Map<string, Promise<boolean> | boolean> }
  const known = (context.usableTenants ??= new Map())
  for (const id of ids) {
    const cached = known.has(id) ? undefined : cachedStatus(id)
    if (cached) known.set(id, isTenantUsable(cached))
  }
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
      .then(({ docs }) => {
        for (const t of docs) rememberStatus(String(t.id), t)
        return new Set(docs.filter((t) => isTenantUsable(t)).map((t) => String(t.id)))
      })
    for (const id of missing)
      known.set(
        id,
        lookup.then((usable) => usable.has(id)),
      )
  }
  const usable = await Promise.all(ids.map((id) => known.get(id)!))
  // A break-glass session's shop (break-glass.ts), once resolution let it through (never deleted).
  const breakGlass = breakGlassTenantOf(req.user)
  return ids.filter((id, i) => usable[i] || (id === breakGlass && currentTenant(req)?.tenantId === id))
}
