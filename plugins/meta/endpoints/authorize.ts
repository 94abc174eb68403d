import { APIError, type CollectionSlug, type PayloadRequest } from 'payload'

import type { Operation, RoleCheckedCollection } from '../host'
import { idOf as tenantIdOf } from '../ids'
import { hostOf } from '../options'

export const fail = (message: string, status: number) => new APIError(message, status, undefined, true)

/**
 * A signed-in user's document for an action endpoint: read with the user's own access (another
 * tenant's id is a 404, exactly like the REST API), and the user's role in its tenant must allow
 * `operation` on `needs` by the permission matrix (403 otherwise). Answers the document and its tenant.
 */
export async function authorizeOn<T extends { tenant?: unknown }>(
  req: PayloadRequest,
  collection: CollectionSlug,
  id: unknown,
  needs: { collection: RoleCheckedCollection; operation: Operation },
): Promise<{ doc: T; tenantId: string }> {
  const user = req.user
  if (!user || user.collection !== 'users') throw fail('Sign in first.', 401)
  if (typeof id !== 'string' || !id) throw fail(`Name the ${collection} document.`, 400)
  const doc = (await req.payload.findByID({ collection, id, depth: 0, overrideAccess: false, user, req, disableErrors: true }).catch(() => null)) as T | null
  if (!doc) throw fail('Not found.', 404)
  const tenantId = tenantIdOf(doc.tenant)!
  if (!(await hostOf(req).access.roleMay(req, tenantId, needs.collection, needs.operation))) {
    throw fail(`Your role may not ${needs.operation} ${needs.collection} in this shop.`, 403)
  }
  return { doc, tenantId }
}
