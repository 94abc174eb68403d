import type { CollectionBeforeOperationHook, Where } from 'payload'

import { blindIndex } from '../src/crypto/tenant-keys/tenant-cipher'
import { currentTenant } from '../src/tenancy/request-context'
import { tenantKey } from '../src/tenancy/tenant-keys'
import { indexName } from './blindIndexes'
import { TENANT_CRYPTO_HOOKS } from './tenantEncrypted'

type Condition = Record<string, unknown>

/** The tenant a where names (`tenant: { equals }` at its top level or in its top-level `and`), else the request's. */
function tenantNamed(where: Where, fallback: string | undefined): string | undefined {
  const direct = (where.tenant as Condition | undefined)?.equals
  if (typeof direct === 'string') return direct
  for (const part of Array.isArray(where.and) ? where.and : []) {
    const found = part && typeof part === 'object' ? tenantNamed(part, undefined) : undefined
    if (found) return found
  }
  return fallback
}

/**
 * beforeOperation (find, count with overrideAccess): `phone: { equals: v }` becomes "the blind index equals
 * HMAC(v), or — a row written before blind indexes and not moved yet — no index and the value
 * equals v". Equivalent today (phone and e-mail are still stored in plaintext), and what lets
 * those values be encrypted later without touching the callers (storefront orders, lead ads,
 * imports, the inbox). Only when the tenant is known (the where names it, or the request's
 * context does): the index is keyed per tenant.
 */
export function blindIndexLookups(fields: readonly string[]): CollectionBeforeOperationHook {
  const hook: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
    const where = (args as { where?: Where }).where
    // Payload lets only overrideAccess queries name hidden fields: the platform's own lookups (storefront
    // orders, lead ads, imports, uniqueness, the inbox). Staff filters still match the stored value.
    if ((operation !== 'read' && operation !== 'count') || !where || !(args as { overrideAccess?: boolean }).overrideAccess) return args
    const tenantId = tenantNamed(where, currentTenant(req)?.tenantId)
    if (!tenantId) return args
    const key = await tenantKey(req, tenantId)
    const rewrite = (where: Where): Where => {
      const out: Where = {}
      for (const [name, value] of Object.entries(where)) {
        if ((name === 'and' || name === 'or') && Array.isArray(value))
          out[name] = value.map((part: unknown) => (part && typeof part === 'object' && !Array.isArray(part) ? rewrite(part as Where) : part)) as Where[]
        else if (fields.includes(name) && typeof (value as Condition)?.equals === 'string' && Object.keys(value).length === 1) {
          const plain = (value as Condition).equals as string
          const index = indexName(name)
          ;(out.and ??= []).push({ or: [{ [index]: { equals: blindIndex(key, name, plain) } }, { and: [{ [index]: { exists: false } }, { [name]: { equals: plain } }] }] })
        } else out[name] = value
      }
      return out
    }
    return { ...args, where: rewrite(where) }
  }
  TENANT_CRYPTO_HOOKS.add(hook)
  return hook
}
