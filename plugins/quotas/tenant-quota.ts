import type { Payload, PayloadRequest } from 'payload'

import { PLAN_LIMITS } from '../../collections/Plans'
import type { FeatureName, LimitName, ResolvedQuotasOptions } from './options'

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
  /** Limits set by an override rather than the plan. */
  overridden: LimitName[]
  /** null = every feature (no plan). */
  features: null | ReadonlySet<FeatureName>
}

type PlanDoc = { slug?: string; limits?: Partial<Record<LimitName, null | number>>; features?: null | string[] }
type OverrideRow = { limit?: string; max?: null | number }
type TenantDoc = { id: string; name?: string; slug?: string; timezone?: null | string; plan?: null | PlanDoc | string; quotaOverrides?: null | OverrideRow[] }

export const quotaOptions = (payload: Payload): ResolvedQuotasOptions => {
  const options = (payload.config.custom as { quotas?: ResolvedQuotasOptions } | undefined)?.quotas
  if (!options) throw new Error('plugins/quotas is not installed in this config')
  return options
}

/** Plan limits, then overrides (which beat the plan, including "unlimited" as an empty max). */
export function quotaOf(tenant: TenantDoc): TenantQuota {
  const plan = tenant.plan && typeof tenant.plan === 'object' ? tenant.plan : null
  const overrides = new Map((tenant.quotaOverrides ?? []).filter((row) => row.limit).map((row) => [row.limit as LimitName, row.max ?? null]))
  const limits = Object.fromEntries(
    PLAN_LIMITS.map((limit) => [limit, overrides.has(limit) ? overrides.get(limit)! : plan ? (plan.limits?.[limit] ?? null) : null]),
  ) as Record<LimitName, null | number>
  return {
    tenantId: String(tenant.id),
    name: tenant.name ?? '',
    slug: tenant.slug ?? '',
    plan: plan?.slug ?? null,
    timezone: tenant.timezone || 'UTC',
    limits,
    overridden: [...overrides.keys()],
    features: plan ? new Set((plan.features ?? []) as FeatureName[]) : null,
  }
}

type Cache = Map<string, Promise<null | TenantQuota>>

/**
 * The quotas of `ids`, looked up once per request (memoised in `req.context`), inside the
 * request's transaction: hooks that hold a per-tenant lock must not wait for a second pool
 * connection. Tenants and plans are platform tables (not tenant-owned), read as the system.
 */
export async function tenantQuotas(req: PayloadRequest, ids: string[]): Promise<Map<string, TenantQuota>> {
  const context = req.context as { quotaTenants?: Cache }
  const known = (context.quotaTenants ??= new Map())
  const missing = [...new Set(ids)].filter((id) => !known.has(id))
  if (missing.length > 0) {
    const { tenantsSlug } = quotaOptions(req.payload)
    const lookup = req.payload
      .find({
        collection: tenantsSlug as 'tenants',
        where: { id: { in: missing } },
        depth: 1,
        limit: missing.length,
        pagination: false,
        overrideAccess: true,
        req,
        select: { name: true, slug: true, timezone: true, plan: true, quotaOverrides: true } as never,
      })
      .then(({ docs }) => new Map((docs as unknown as TenantDoc[]).map((doc) => [String(doc.id), quotaOf(doc)])))
    for (const id of missing) known.set(id, lookup.then((found) => found.get(id) ?? null))
  }
  const entries = await Promise.all(ids.map(async (id) => [id, await known.get(id)!] as const))
  return new Map(entries.filter((entry): entry is readonly [string, TenantQuota] => entry[1] !== null))
}

export async function tenantQuota(req: PayloadRequest, id: string): Promise<null | TenantQuota> {
  return (await tenantQuotas(req, [id])).get(id) ?? null
}

/** Forget what this request looked up (after a plan or override changes within it). */
export const forgetTenantQuotas = (req: PayloadRequest): void => {
  delete (req.context as { quotaTenants?: Cache }).quotaTenants
}
