import type { CollectionBeforeChangeHook, Where } from 'payload'
import { extractID } from 'payload/shared'

import { AppError } from '../src/errors/app-error'

/**
 * A readable 409 `duplicate` for per-tenant uniqueness (`SKU "X" is already used in this shop`),
 * naming the field, before the composite unique index is hit. The index stays the guarantee
 * under concurrency; its violation becomes `duplicate` too (src/errors/classify.ts).
 */
export const uniquePerTenant =
  (field: string, label: string): CollectionBeforeChangeHook =>
  async ({ collection, data, originalDoc, req }) => {
    const value = data[field] ?? originalDoc?.[field]
    const tenantRef = data.tenant ?? originalDoc?.tenant
    const tenant = tenantRef ? extractID(tenantRef) : null
    if (value == null || value === '' || !tenant) return data
    if (originalDoc && originalDoc[field] === value) return data
    const where: Where = { and: [{ tenant: { equals: tenant } }, { [field]: { equals: value } }] }
    if (originalDoc?.id) where.and!.push({ id: { not_equals: originalDoc.id } })
    const { totalDocs } = await req.payload.count({ collection: collection.slug, where, overrideAccess: true, req })
    if (totalDocs > 0) {
      throw new AppError('duplicate', `${label} "${String(value)}" is already used in this shop; choose another.`, { path: field })
    }
    return data
  }
