import type { PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { AppError } from '../errors/app-error'
import { isUuid } from './uuid'

const singular = (collection: SanitizedCollectionConfig) => {
  const label = collection.labels?.singular
  return typeof label === 'string' ? label.toLowerCase() : collection.slug
}

const notFound = (collection: SanitizedCollectionConfig, id: unknown) =>
  new AppError('not_found', `There is no ${singular(collection)} with the id ${JSON.stringify(String(id))}${isUuid(id) ? ' (or it is not one you may see)' : ': ids are UUIDs'}.`, { path: 'id' })

/**
 * The document id of a findByID / update / delete (`/api/leads/<id>`). An id that is not a UUID
 * names no document: 404, before PostgreSQL sees it. For an API caller's update or delete, a
 * document that is not there (in the caller's tenants: the lookup runs under row-level security)
 * is a 404 too; Payload would answer 403 whenever access is a query rather than a yes/no.
 * Whether the caller may change a document that does exist stays Payload's answer (403).
 */
export async function checkDocumentId(req: PayloadRequest, collection: SanitizedCollectionConfig, operation: string, id: unknown, overrideAccess: boolean): Promise<void> {
  if (id === undefined || id === null) return
  if (!isUuid(id)) throw notFound(collection, id)
  if (overrideAccess || (operation !== 'update' && operation !== 'delete')) return
  const { totalDocs } = await req.payload.db.count({ collection: collection.slug, where: { id: { equals: id } }, req })
  if (totalDocs === 0) throw notFound(collection, id)
}
