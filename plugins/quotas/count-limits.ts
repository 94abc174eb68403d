import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { memberships, tenantIdOf } from '../../src/tenancy/memberships'
import { checkAlerts } from './alerts'
import { QuotaExceededError } from './errors'
import { quotaOptions, tenantQuota } from './tenant-quota'
import { type CountLimit } from './options'
import { periodOf } from './period'
import { asNumber, one, sql, tableOf, type SQL } from './sql'

/** SQL counting what a count limit counts for one tenant. */
export function countQuery(req: PayloadRequest, limit: CountLimit, tenantId: SQL | string): SQL {
  const slug = quotaOptions(req.payload).countLimits[limit]
  if (limit === 'users') {
    // Members of the tenant through the users collection's tenants array.
    return sql`select count(distinct _parent_id) from ${tableOf(req.payload, `${slug}_tenants`)} where tenant_id = ${tenantId}`
  }
  return sql`select count(*) from ${tableOf(req.payload, slug)} where tenant_id = ${tenantId}`
}

type Pending = { tenantId: string; limit: CountLimit; used: number }
const pendingOf = (req: PayloadRequest) => ((req.context as { quotaPending?: Pending[] }).quotaPending ??= [])

/**
 * Refuse adding `adding` to a tenant's count limit when it would go over. Race-safe: a
 * transaction-scoped advisory lock per tenant and limit serialises the count-then-insert of
 * concurrent creates; the lock is held until the creating transaction commits, so the next
 * creator's count (a new statement, a new snapshot) sees the row just added.
 */
export async function reserveCount(req: PayloadRequest, tenantId: string, limit: CountLimit, adding = 1): Promise<void> {
  const quota = await tenantQuota(req, tenantId)
  const max = quota?.limits[limit] ?? null
  if (max === null || !quota) return
  if (!req.transactionID) req.payload.logger.warn(`quota ${limit}: no transaction, so the limit check is not race-safe`)
  await one(req, sql`select pg_advisory_xact_lock(hashtextextended(${`quota:${tenantId}:${limit}`}, 0))`)
  const used = asNumber((await one(req, countQuery(req, limit, tenantId)))?.count)
  if (used + adding > max) throw new QuotaExceededError({ limit, used, max, plan: quota.plan }, adding)
  pendingOf(req).push({ tenantId, limit, used })
}

/** beforeChange of a counted collection: a create must fit in its tenant's limit. */
export const enforceCountLimit =
  (limit: CountLimit): CollectionBeforeChangeHook =>
  async ({ data, operation, req }) => {
    const tenantId = operation === 'create' ? tenantIdOf(data.tenant) : null
    if (tenantId) await reserveCount(req, tenantId, limit)
    return data
  }

/** beforeChange of users: each tenant a user joins (on create or update) must have room. */
export const enforceUserLimit: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const before = new Set(memberships(originalDoc).map((m) => m.tenant))
  // Sorted, so two requests adding the same tenants lock them in the same order.
  const added = [...new Set(memberships(data).map((m) => m.tenant))].filter((id) => !before.has(id)).sort()
  for (const tenantId of added) await reserveCount(req, tenantId, 'users')
  return data
}

/** afterChange: alert the tenant-admins when the change crossed a threshold. */
export const alertAfterCount: CollectionAfterChangeHook = async ({ doc, req }) => {
  const pending = pendingOf(req).splice(0)
  for (const { tenantId, limit, used } of pending) {
    const quota = await tenantQuota(req, tenantId)
    if (quota) await checkAlerts(req, quota, limit, used, used + 1, periodOf(new Date(), quota.timezone))
  }
  return doc
}
