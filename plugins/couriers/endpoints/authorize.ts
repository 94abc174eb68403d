import type { CollectionSlug, PayloadRequest } from 'payload'

import type { Operation, RoleCheckedCollection } from '../host'
import { fail } from '../errors'
import { hostOf } from '../options'
import { idOf } from '../ids'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const tenantOf = (doc: { tenant?: unknown }) => idOf(doc.tenant)

/**
 * A signed-in user's document for an action endpoint: read with the user's own access (another
 * shop's id is a 404, as over REST), and the user's role in its shop must allow `operation` on
 * `needs` (403 otherwise). Answers the document and its tenant.
 */
export async function authorizeOn<T extends { tenant?: unknown }>(
  req: PayloadRequest,
  collection: CollectionSlug,
  id: unknown,
  needs: { collection: RoleCheckedCollection; operation: Operation },
): Promise<{ doc: T; tenantId: string }> {
  if (!req.user) throw fail('unauthorized', 'Sign in first.', 401)
  if (typeof id !== 'string' || !UUID.test(id)) throw fail('invalid_id', `Not a ${collection} id.`, 400)
  const doc = (await req.payload.findByID({ collection, id, depth: 0, overrideAccess: false, user: req.user, req, disableErrors: true }).catch(() => null)) as T | null
  if (!doc) throw fail('not_found', 'Not found.', 404)
  const tenantId = tenantOf(doc)
  if (!(await hostOf(req).access.roleMay(req, tenantId, needs.collection, needs.operation))) throw fail('forbidden', `Your role may not ${needs.operation} ${needs.collection} in this shop.`, 403)
  return { doc, tenantId }
}

/** The user's own JSON body, or {} (a malformed body is a 400 that says so). */
export async function jsonBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  const text = await (req as unknown as Request).text?.().catch(() => '')
  if (!text) return {}
  try {
    const body = JSON.parse(text) as unknown
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
  } catch {
    throw fail('invalid_json', 'The body is not JSON.', 400)
  }
  throw fail('invalid_input', 'Send a JSON object.', 400)
}
