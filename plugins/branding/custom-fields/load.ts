import type { PayloadRequest } from 'payload'

import { CUSTOM_FIELD_DEFINITIONS, type CustomFieldDefinition } from './types'

const CACHE = 'brandingCustomFieldDefinitions'

type Cache = Map<string, Promise<CustomFieldDefinition[]>>

const cacheOf = (req: PayloadRequest): Cache => {
  req.context ??= {}
  return ((req.context[CACHE] as Cache | undefined) ??= new Map())
}

/** Drop the request's cached definitions (one was created, changed or deleted). */
export function forgetDefinitions(req: PayloadRequest): void {
  if (req.context) delete req.context[CACHE]
}

/**
 * A shop's definitions for one entity (archived ones included, so their stored values are known),
 * in position order; read with `req` — its transaction and its tenant context, so row-level
 * security holds the read to the shop whatever the caller — once per request and entity
 * (an import of 5 000 rows reads them once).
 */
export function loadDefinitions(req: PayloadRequest, tenantId: string, entity: string): Promise<CustomFieldDefinition[]> {
  const cache = cacheOf(req)
  const key = `${tenantId}:${entity}`
  let found = cache.get(key)
  if (!found) {
    found = req.payload
      .find({
        collection: CUSTOM_FIELD_DEFINITIONS,
        where: { and: [{ tenant: { equals: tenantId } }, { entity: { equals: entity } }] },
        sort: ['position', 'createdAt'],
        limit: 200,
        depth: 0,
        pagination: false,
        overrideAccess: true,
        req,
      })
      .then(({ docs }) => docs.map((d) => d as unknown as CustomFieldDefinition))
    found.catch(() => cache.delete(key))
    cache.set(key, found)
  }
  return found
}
