import type { PayloadRequest } from 'payload'

import { LIMITS, quotaOptions, RATE_LIMITS, type FeatureName, type LimitName, type RateLimitName } from './options'
import { processGlobal } from './process-global'
import { runSql, sql, tableOf } from './sql'

/** What one tenant may use: its plan's limits with the super-admin's overrides applied. */
export type TenantQuota = {
  tenantId: string
  name: string
  slug: string
  /** The plan's slug; null when the tenant has no plan (then nothing is limited or gated). */
  plan: null | string
  timezone: string
  /** null = unlimited. */
  limits: Record<LimitName, null | number>
  /** API requests a minute (src/ratelimit); null = the platform default. */
  apiRequestsPerMinute: null | number
  /** Limits set by an override rather than the plan. */
  overridden: (LimitName | RateLimitName)[]
  /** null = every feature (no plan). */
  features: null | ReadonlySet<FeatureName>
}

type PlanDoc = { slug?: string; limits?: Partial<Record<LimitName | RateLimitName, null | number>>; features?: null | string[] }
type OverrideRow = { limit?: string; max?: null | number }
type TenantDoc = { id: string; name?: string; slug?: string; timezone?: null | string; plan?: null | PlanDoc | string; quotaOverrides?: null | OverrideRow[] }

/** Plan limits, then overrides (which beat the plan, including "unlimited" as an empty max). */
export function quotaOf(tenant: TenantDoc): TenantQuota {
  const plan = tenant.plan && typeof tenant.plan === 'object' ? tenant.plan : null
  const overrides = new Map((tenant.quotaOverrides ?? []).filter((row) => row.limit).map((row) => [row.limit as LimitName | RateLimitName, row.max ?? null]))
  const limitOf = (limit: LimitName | RateLimitName) => (overrides.has(limit) ? overrides.get(limit)! : plan ? (plan.limits?.[limit] ?? null) : null)
  const limits = Object.fromEntries(LIMITS.map((limit) => [limit, limitOf(limit)])) as Record<LimitName, null | number>
  return {
    tenantId: String(tenant.id),
    name: tenant.name ?? '',
    slug: tenant.slug ?? '',
    plan: plan?.slug ?? null,
    timezone: tenant.timezone || 'UTC',
    limits,
    apiRequestsPerMinute: limitOf('apiRequestsPerMinute') || null,
    overridden: [...overrides.keys()],
    features: plan ? new Set((plan.features ?? []) as FeatureName[]) : null,
  }
}

type Memo = Map<string, Promise<null | TenantQuota>>

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/**
 * The tenants, their plans' limits and features, and their overrides, in one statement (a
 * Payload `find` with depth 1 took two statements and two passes through the read path: about
 * 3 ms of every create — bench/quota). Column names follow Payload's: `limits.leadsPerMonth` →
 * `limits_leads_per_month`, a hasMany select → `plans_features`, an array → `tenants_quota_overrides`.
 */
async function readQuotas(req: PayloadRequest, ids: string[]): Promise<Map<string, TenantQuota>> {
  const { tenantsSlug, plansSlug } = quotaOptions(req.payload)
  const [tenants, plans] = [tableOf(req.payload, tenantsSlug), tableOf(req.payload, plansSlug)]
  const limits = sql.join(
    [...LIMITS, ...RATE_LIMITS].map((limit) => sql`p.${sql.identifier(`limits_${snake(limit)}`)} as ${sql.identifier(limit)}`),
    sql`, `,
  )
  const rows = await runSql(
    req,
    sql`select t.id, t.name, t.slug, t.timezone, p.slug as plan_slug, ${limits},
          (select array_agg(f.value::text order by f."order") from ${tableOf(req.payload, `${plansSlug}_features`)} f where f.parent_id = p.id) as features,
          (select json_agg(json_build_object('limit', o."limit", 'max', o.max) order by o._order) from ${tableOf(req.payload, `${tenantsSlug}_quota_overrides`)} o where o._parent_id = t.id) as overrides
        from ${tenants} t left join ${plans} p on p.id = t.plan_id
        where t.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  )
  const number = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  return new Map(
    rows.map((row) => {
      const plan: null | PlanDoc =
        typeof row.plan_slug !== 'string'
          ? null
          : { slug: row.plan_slug, limits: Object.fromEntries([...LIMITS, ...RATE_LIMITS].map((l) => [l, number(row[l])])), features: (row.features as null | string[]) ?? [] }
      const overrides = ((row.overrides ?? []) as OverrideRow[]).map((o) => ({ limit: o.limit, max: number(o.max) }))
      const doc: TenantDoc = { id: String(row.id), name: row.name as string, slug: row.slug as string, timezone: row.timezone as null | string, plan, quotaOverrides: overrides }
      return [doc.id, quotaOf(doc)]
    }),
  )
}

/** Process-wide: tenant id → quota and when it was read. */
const cache = processGlobal('quotas.tenant-quotas', () => new Map<string, { quota: TenantQuota; at: number }>())

/**
 * The quotas of `ids`: from this request's memo, else the process cache (`cacheSeconds`), else
 * the database — one statement for all missing ids, inside the request's transaction (hooks that
 * hold a row lock must not wait for a second pool connection). Changes to tenants and plans
 * clear the cache in this process at once (index.ts); other app instances see them within
 * `cacheSeconds`. Limits are only read here: the decision itself is always made in the
 * database (ledger upsert, lock + count), so a cached quota never lets a race through.
 */
export async function tenantQuotas(req: PayloadRequest, ids: string[]): Promise<Map<string, TenantQuota>> {
  const context = req.context as { quotaTenants?: Memo }
  const memo = (context.quotaTenants ??= new Map())
  const ttl = quotaOptions(req.payload).cacheSeconds * 1000
  const now = Date.now()
  const missing: string[] = []
  for (const id of new Set(ids)) {
    if (memo.has(id)) continue
    const hit = cache.get(id)
    if (hit && now - hit.at < ttl) memo.set(id, Promise.resolve(hit.quota))
    else missing.push(id)
  }
  if (missing.length > 0) {
    const lookup = readQuotas(req, missing).then((found) => {
      for (const [id, quota] of found) cache.set(id, { quota, at: now })
      return found
    })
    for (const id of missing)
      memo.set(
        id,
        lookup.then((found) => found.get(id) ?? null),
      )
  }
  const entries = await Promise.all(ids.map(async (id) => [id, await memo.get(id)!] as const))
  return new Map(entries.filter((entry): entry is readonly [string, TenantQuota] => entry[1] !== null))
}

export async function tenantQuota(req: PayloadRequest, id: string): Promise<null | TenantQuota> {
  return (await tenantQuotas(req, [id])).get(id) ?? null
}

/** The invalidation topic of cached quotas (the host's bus carries it to the other instances). */
export const QUOTAS_TOPIC = 'quotas'

/** Forget this process's cached quotas: one tenant's, or all. */
export function forgetQuotasHere(tenantId: null | string): void {
  if (tenantId) cache.delete(tenantId)
  else cache.clear()
}

/**
 * Forget cached quotas: one tenant's, or all (a plan changed); also `req`'s memo, if given.
 * With a request, on every instance through the host's invalidation (plugin.ts subscribes).
 */
export function forgetTenantQuotas(req?: null | PayloadRequest, tenantId?: string): void {
  forgetQuotasHere(tenantId ?? null)
  if (req) {
    delete (req.context as { quotaTenants?: Memo }).quotaTenants
    quotaOptions(req.payload).invalidation.invalidate(QUOTAS_TOPIC, tenantId ?? null)
  }
}
