import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { checkAlerts } from './alerts'
import { USAGE_COUNTERS } from './collections/UsageCounters'
import { QuotaExceededError } from './errors'
import { quotaOptions, type CountLimit } from './options'
import { periodOf } from './period'
import { asNumber, idOf, one, sql, tableOf, type SQL } from './sql'
import { tenantQuota, type TenantQuota } from './tenant-quota'

/** The ledger period of count limits: one running total per tenant and limit. */
export const TOTAL = 'total'

/** SQL counting what a count limit counts for one tenant (the truth the counters are kept to). */
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
 * Forget the alerts a create reserved but has not checked yet (its afterChange never ran): for
 * a host that undoes one create and goes on with the same request (an import row rolled back
 * to a savepoint), so nothing of the undone row alerts with the next one.
 */
export function discardPendingQuotaAlerts(req: PayloadRequest): void {
  delete (req.context as { quotaPending?: Pending[] }).quotaPending
}

const refuse = (quota: TenantQuota, limit: CountLimit, used: number, adding: number) => new QuotaExceededError({ limit, used, max: quota.limits[limit]!, plan: quota.plan }, adding)

const totalKey = (tenantId: string, limit: CountLimit) => sql`tenant_id = ${tenantId} and metric = ${limit} and period = ${TOTAL}`

/**
 * Set a tenant's running total of one limit to the real count, creating it if missing. `FOR
 * UPDATE` first waits for the creates and deletes holding the row; the count after it is a new
 * statement, which sees what they committed. Call it inside a transaction.
 */
async function recount(req: PayloadRequest, tenantId: string, limit: CountLimit): Promise<void> {
  const table = tableOf(req.payload, USAGE_COUNTERS)
  const key = totalKey(tenantId, limit)
  const real = countQuery(req, limit, tenantId)
  if (await one(req, sql`select count from ${table} where ${key} for update`)) {
    await one(req, sql`update ${table} set count = (${real}), updated_at = now() where ${key}`)
  } else {
    await one(req, sql`insert into ${table} (tenant_id, metric, period, count) values (${tenantId}, ${limit}, ${TOTAL}, (${real})) on conflict do nothing`)
  }
}

/**
 * Counted collections keep a running total in the ledger (`usage-counters`, period `total`):
 * a create adds one with `UPDATE … SET count = count + 1 WHERE count + 1 <= max`. The row lock
 * serialises concurrent creates of a tenant, so exactly `max` fit, and it is one statement
 * whatever the size of the catalogue. A delete takes one off (deleteCounted). When the update
 * finds no room, or no total yet, the total is first set to the real count (recount) and the
 * update tried once more, so a refusal is always checked against the truth; drift the other
 * way (rows added outside Payload's hooks) is repaired by the daily snapshot job. Totals are
 * kept for unlimited tenants too, so a limit set later starts from the truth.
 */
async function reserveRow(req: PayloadRequest, quota: TenantQuota, limit: CountLimit, adding: number): Promise<void> {
  const table = tableOf(req.payload, USAGE_COUNTERS)
  const max = quota.limits[limit]
  const key = totalKey(quota.tenantId, limit)
  const add = () => one(req, sql`update ${table} set count = count + ${adding}, updated_at = now() where ${key} and (${max}::numeric is null or count + ${adding} <= ${max}::numeric) returning count`)
  let row = await add()
  if (!row) {
    await recount(req, quota.tenantId, limit)
    row = await add()
    if (!row) throw refuse(quota, limit, asNumber((await one(req, sql`select count from ${table} where ${key}`))?.count), adding)
  }
  pendingOf(req).push({ tenantId: quota.tenantId, limit, used: asNumber(row.count) - adding })
}

/**
 * Staff (memberships) change rarely and a tenant has few: they are counted exactly, under a
 * transaction-scoped advisory lock per tenant held until the creating transaction commits, so
 * the next creator's count (a new statement, a new snapshot) sees the membership just added.
 */
async function reserveMembership(req: PayloadRequest, quota: TenantQuota, adding: number): Promise<void> {
  const max = quota.limits.users
  if (max === null) return
  if (!req.transactionID) req.payload.logger.warn('quota users: no transaction, so the limit check is not race-safe')
  await one(req, sql`select pg_advisory_xact_lock(hashtextextended(${`quota:${quota.tenantId}:users`}, 0))`)
  const used = asNumber((await one(req, countQuery(req, 'users', quota.tenantId)))?.count)
  if (used + adding > max) throw refuse(quota, 'users', used, adding)
  pendingOf(req).push({ tenantId: quota.tenantId, limit: 'users', used })
}

/** Refuse adding `adding` to a tenant's count limit when it would go over (403 quota_exceeded). */
export async function reserveCount(req: PayloadRequest, tenantId: string, limit: CountLimit, adding = 1): Promise<void> {
  const quota = await tenantQuota(req, tenantId)
  if (!quota) return
  if (limit === 'users') await reserveMembership(req, quota, adding)
  else await reserveRow(req, quota, limit, adding)
}

/** beforeChange of a counted collection: a create must fit in its tenant's limit. */
export const enforceCountLimit =
  (limit: CountLimit): CollectionBeforeChangeHook =>
  async ({ data, operation, req }) => {
    const tenantId = operation === 'create' ? idOf(data.tenant) : null
    if (tenantId) await reserveCount(req, tenantId, limit)
    return data
  }

/** afterDelete of a counted collection: the tenant's total goes down by one (same transaction). */
export const deleteCounted =
  (limit: CountLimit): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    const tenantId = idOf(doc.tenant)
    if (!tenantId) return
    await one(req, sql`update ${tableOf(req.payload, USAGE_COUNTERS)} set count = greatest(count - 1, 0), updated_at = now() where ${totalKey(tenantId, limit)}`)
  }

/** beforeChange of users: each tenant a user joins (on create or update) must have room. */
export const enforceUserLimit: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const { memberTenantIds } = quotaOptions(req.payload).tenancy
  const before = new Set(memberTenantIds(originalDoc))
  // Sorted, so two requests adding the same tenants lock them in the same order.
  const added = [...new Set(memberTenantIds(data))].filter((id) => !before.has(id)).sort()
  for (const tenantId of added) await reserveCount(req, tenantId, 'users')
  return data
}

/** afterChange: alert the tenant-admins when the change crossed a threshold. */
export const alertAfterCount: CollectionAfterChangeHook = async ({ doc, req }) => {
  for (const { tenantId, limit, used } of pendingOf(req).splice(0)) {
    const quota = await tenantQuota(req, tenantId)
    if (quota) await checkAlerts(req, quota, limit, used, used + 1, periodOf(new Date(), quota.timezone))
  }
  return doc
}

/** Set all of a tenant's running totals to the real counts (the daily job; in a transaction). */
export async function reconcileCounters(req: PayloadRequest, tenantId: string): Promise<void> {
  for (const limit of Object.keys(quotaOptions(req.payload).countLimits) as CountLimit[]) {
    if (limit !== 'users') await recount(req, tenantId, limit)
  }
}
