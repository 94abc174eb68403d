import type { CollectionBeforeOperationHook, PayloadRequest, Where } from 'payload'

import { AppError } from '../src/errors/app-error'
import { blindIndex } from '../src/crypto/tenant-keys/tenant-cipher'
import { currentTenant } from '../src/tenancy/request-context'
import { tenantsWhere } from '../src/tenancy/scope'
import { tenantKey } from '../src/tenancy/tenant-keys'
import { indexName } from './blindIndexes'
import { TENANT_CRYPTO_HOOKS } from './tenantEncrypted'

type Condition = Record<string, unknown>

/** The operators an encrypted, blind-indexed value can answer: exact matches, their negation, presence. */
const EXACT = new Set(['equals', 'in', 'not_equals', 'not_in', 'exists'])

/** Conditions this hook wrote itself (the fallback on the stored value): never rewritten again. */
const OURS = new WeakSet<object>()

/** The tenant a where names (`tenant: { equals }` at its top level or in its top-level `and`). */
function tenantNamed(where: Where): string | undefined {
  const direct = (where.tenant as Condition | undefined)?.equals
  if (typeof direct === 'string') return direct
  for (const part of Array.isArray(where.and) ? where.and : []) {
    const found = part && typeof part === 'object' ? tenantNamed(part) : undefined
    if (found) return found
  }
  return undefined
}

/** `in: ['a', 'b']` or, from a query string, `in: 'a,b'`. */
const valuesOf = (value: unknown): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []).filter((v): v is string => typeof v === 'string' && v.trim() !== '')

/**
 * The tenants whose keys a lookup must use. Staff: those of the request's scope (src/tenancy/scope.ts),
 * narrowed to the one the where names. The platform's own lookups and the super-admin: the tenant
 * the where names or the request runs for, else every tenant.
 */
async function tenantsFor(req: PayloadRequest, where: Where, overrideAccess: boolean): Promise<string[]> {
  const named = tenantNamed(where)
  const reach = overrideAccess ? 'all' : await tenantsWhere(req)
  if (reach !== 'all') return named ? reach.filter((id) => id === named) : reach
  const one = named ?? currentTenant(req)?.tenantId
  if (one) return [one]
  const { docs } = await req.payload.find({ collection: 'tenants', pagination: false, depth: 0, select: {}, overrideAccess: true, req })
  return docs.map((doc) => String(doc.id))
}

/** No id is the nil UUID: "no rows", without relying on how an empty `in` is read. */
const NO_ROW: Where = { id: { equals: '00000000-0000-0000-0000-000000000000' } }
const idIn = (ids: string[]): Where => (ids.length ? { id: { in: ids } } : NO_ROW)

/**
 * beforeOperation (find, count, bulk update and delete): phone and e-mail are stored encrypted
 * (hooks/tenantEncrypted.ts), so a condition on them is answered by the blind index instead:
 * `phone: { equals: v }` becomes "in one of the tenants, the index equals that tenant's
 * HMAC(v) — or, a row not moved onto its key yet, no index and the stored value equals v".
 *
 * - overrideAccess (the platform's own lookups: storefront orders, lead ads, imports,
 *   uniqueness, the inbox): the condition is rewritten in place, one query.
 * - Staff over REST, GraphQL or the admin: Payload refuses hidden fields in their wheres, so the
 *   matching ids are looked up first (within the request's own tenants, under its row-level
 *   security) and the condition becomes `id in / not in` those ids; access still applies to the
 *   outer query. `like`, `contains` and ranges cannot be answered on ciphertext: a coded 400.
 */
export function blindIndexLookups(fields: readonly string[]): CollectionBeforeOperationHook {
  const hook: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
    const where = (args as { where?: Where }).where
    if (!['read', 'count', 'update', 'delete'].includes(operation) || !where || typeof where !== 'object') return args
    const overrideAccess = (args as { overrideAccess?: boolean }).overrideAccess === true
    let tenants: string[] | undefined
    const matching = async (field: string, plains: string[]): Promise<Where> => {
      tenants ??= await tenantsFor(req, where, overrideAccess)
      if (!tenants.length) return NO_ROW
      const index = indexName(field)
      const byTenant = await Promise.all(
        tenants.map(async (tenant) => {
          const key = await tenantKey(req, tenant)
          const hashes = plains.map((plain) => blindIndex(key, field, plain))
          return { and: [{ tenant: { equals: tenant } }, { [index]: hashes.length === 1 ? { equals: hashes[0] } : { in: hashes } }] }
        }),
      )
      const stored = { in: plains }
      OURS.add(stored)
      // Rows not moved onto their key yet match by value, within the same tenants (not only by row-level security).
      return { or: [...byTenant, { and: [{ tenant: { in: tenants } }, { [index]: { exists: false } }, { [field]: stored }] }] }
    }
    const idsOf = async (match: Where): Promise<string[]> => {
      const { docs } = await req.payload.find({ collection: collection.slug as 'customers', where: match, pagination: false, depth: 0, select: {}, overrideAccess: true, req })
      return docs.map((doc) => String(doc.id))
    }
    const condition = async (field: string, value: Condition): Promise<Where[]> => {
      const out: Where[] = []
      for (const [operator, operand] of Object.entries(value)) {
        if (!EXACT.has(operator)) {
          throw new AppError('invalid_query', `${field} is stored encrypted: it can only be matched exactly (${[...EXACT].join(', ')}), not with "${operator}".`, {
            path: `where.${field}.${operator}`,
          })
        }
        if (operator === 'exists') {
          out.push({ [field]: { exists: operand } })
          continue
        }
        const plains = operator.endsWith('in') ? valuesOf(operand) : typeof operand === 'string' && operand !== '' ? [operand] : []
        const negated = operator.startsWith('not_')
        if (!plains.length) {
          // Nothing to match (`in: []`, `equals: ''`): none match, and every row differs.
          if (!negated) out.push(NO_ROW)
          continue
        }
        const match = await matching(field, plains)
        if (overrideAccess && !negated) out.push(match)
        else if (!negated) out.push(idIn(await idsOf(match)))
        else {
          const ids = await idsOf(match)
          if (ids.length) out.push({ id: { not_in: ids } })
        }
      }
      return out
    }
    const rewrite = async (where: Where): Promise<Where> => {
      const out: Where = {}
      const added: Where[] = []
      for (const [name, value] of Object.entries(where)) {
        if ((name === 'and' || name === 'or') && Array.isArray(value)) {
          out[name] = await Promise.all(value.map(async (part: unknown) => (part && typeof part === 'object' && !Array.isArray(part) ? rewrite(part as Where) : (part as Where))))
        } else if (fields.includes(name) && value && typeof value === 'object' && !Array.isArray(value) && !OURS.has(value)) {
          added.push(...(await condition(name, value)))
        } else out[name] = value
      }
      if (added.length) out.and = [...(Array.isArray(out.and) ? out.and : []), ...added]
      return out
    }
    return { ...args, where: await rewrite(where) }
  }
  TENANT_CRYPTO_HOOKS.add(hook)
  return hook
}
