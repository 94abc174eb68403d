import type { CollectionBeforeChangeHook, CollectionSlug, Where } from 'payload'
import { ValidationError } from 'payload'

import { tenantIdOf } from '../src/tenancy/memberships'

/**
 * A readable 400 for per-tenant uniqueness (`A product with this SKU already exists.`) before
 * the composite unique index is hit. The index stays the guarantee under concurrency; Payload
 * turns its violation into a 400 as well, never a 500.
 */
export const uniquePerTenant =
  (field: string, label: string): CollectionBeforeChangeHook =>
  async ({ collection, data, originalDoc, req }) => {
    const value = data[field] ?? originalDoc?.[field]
    const tenant = tenantIdOf(data.tenant ?? originalDoc?.tenant)
    if (value == null || value === '' || !tenant) return data
    if (originalDoc && originalDoc[field] === value) return data
    const where: Where = { and: [{ tenant: { equals: tenant } }, { [field]: { equals: value } }] }
    if (originalDoc?.id) where.and!.push({ id: { not_equals: originalDoc.id } })
    const { totalDocs } = await req.payload.count({ collection: collection.slug as CollectionSlug, where, overrideAccess: true, req })
    if (totalDocs > 0) {
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ path: field, message: `${label} "${String(value)}" is already used in this tenant.` }],
        req,
      })
    }
    return data
  }
