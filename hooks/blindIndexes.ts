import type { CollectionBeforeChangeHook, Field } from 'payload'
import { extractID } from 'payload/shared'

import { blindIndex } from '../src/crypto/tenant-keys/tenant-cipher'
import { tenantKey } from '../src/tenancy/tenant-keys'
import { TENANT_CRYPTO_HOOKS } from './tenantEncrypted'

/** `phone` → `phoneIndex`. */
export const indexName = (field: string): string => `${field}Index`

/**
 * The hidden blind-index fields beside `fields`: HMAC-SHA256 of the normalised value with a key
 * derived from the tenant's data key (src/crypto/tenant-keys). `hidden`: never returned by the API or shown in the admin.
 */
export const blindIndexFields = (fields: readonly string[]): Field[] => fields.map((field) => ({ name: indexName(field), type: 'text', hidden: true }))

/** beforeChange: recompute every blind index from the value being stored; what a caller sent for it is ignored. */
export function blindIndexes(fields: readonly string[]): CollectionBeforeChangeHook {
  const hook: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
    const tenantRef = data.tenant ?? originalDoc?.tenant
    if (!tenantRef) return data
    const key = await tenantKey(req, String(extractID(tenantRef)))
    for (const field of fields) {
      const value = field in data ? data[field] : originalDoc?.[field]
      data[indexName(field)] = typeof value === 'string' && value.trim() !== '' ? blindIndex(key, field, value) : null
    }
    return data
  }
  TENANT_CRYPTO_HOOKS.add(hook)
  return hook
}
