import { getLocalizedPaths, type FlattenedField, type Payload, type SanitizedCollectionConfig } from 'payload'

/**
 * What a query or sort path names: a document id (`id`, `tenant.id`), a field (through groups,
 * arrays, blocks and relationships: `customer.name`, `tenants.role`), nothing, or something
 * we leave to Payload (it throws for shapes it does not support).
 */
export type PathTarget = { kind: 'id' } | { kind: 'field'; field: FlattenedField } | { kind: 'unknown' } | { kind: 'unchecked' }

export type QueryContext = { payload: Payload; collection: SanitizedCollectionConfig; locale?: string }

/**
 * Resolved by Payload's own resolver (the one its query validation and the database adapter
 * use), so the paths accepted here are exactly the paths Payload can query. Hidden fields
 * resolve too: whether the caller may query them is Payload's access check, after this.
 */
export function resolvePath({ payload, collection, locale }: QueryContext, rawPath: string): PathTarget {
  // GraphQL writes nested paths with `__`; `_id` is Mongo's spelling Payload still accepts.
  const path = rawPath === '_id' ? 'id' : rawPath.replace(/__/g, '.')
  let paths: ReturnType<typeof getLocalizedPaths>
  try {
    paths = getLocalizedPaths({ collectionSlug: collection.slug, fields: collection.flattenedFields, incomingPath: path, locale, overrideAccess: true, payload })
  } catch {
    return { kind: 'unchecked' }
  }
  const last = paths.at(-1)
  if (!last || paths.some((p) => p.invalid) || !last.field) return { kind: 'unknown' }
  // A document's own id, or the id after a relationship hop; array rows' ids are `rows.id`.
  if (last.path === 'id') return { kind: 'id' }
  return { kind: 'field', field: last.field }
}

/** Fields that hold other fields: a path must go on into them to name a value. */
export const CONTAINERS = new Set(['array', 'blocks', 'group', 'tab'])
