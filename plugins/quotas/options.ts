import type { PLAN_FEATURES, PLAN_LIMITS } from '../../collections/Plans'

export type LimitName = (typeof PLAN_LIMITS)[number]
export type FeatureName = (typeof PLAN_FEATURES)[number]

/** Limits on how many of something a tenant may have at once (checked on create). */
export const COUNT_LIMITS = ['users', 'pages', 'numbers', 'couriers', 'products'] as const satisfies readonly LimitName[]
/** Limits per calendar month in the tenant's timezone (kept in the usage ledger). */
export const PERIODIC_LIMITS = ['monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'aiRequestsPerMonth'] as const satisfies readonly LimitName[]

export type CountLimit = (typeof COUNT_LIMITS)[number]
export type PeriodicLimit = (typeof PERIODIC_LIMITS)[number]

export const isPeriodicLimit = (limit: string): limit is PeriodicLimit => (PERIODIC_LIMITS as readonly string[]).includes(limit)

export type QuotasPluginOptions = {
  /** @default true — false leaves the config untouched (no limits, gates, ledger or dashboard). */
  enabled?: boolean
  /**
   * Which collection's documents each count limit counts. `users` counts memberships of the
   * tenant in the users collection's tenants array; the others count the collection's rows.
   * @default { users: 'users', pages: 'pages', numbers: 'numbers', couriers: 'couriers', products: 'products' }
   */
  countLimits?: Partial<Record<CountLimit, string>>
  /**
   * Creating a document of these collections consumes one unit of a monthly limit.
   * @default { orders: 'ordersPerMonth', leads: 'leadsPerMonth' }
   */
  consumeOnCreate?: Record<string, PeriodicLimit>
  /**
   * The collections each plan feature switches on. A tenant whose plan lacks the feature does not
   * see them in the admin and gets `feature_not_in_plan` (403) from the API.
   * @default { whatsapp: ['numbers', 'message-templates'], messenger: ['pages'], couriers: ['couriers'] }
   */
  featureCollections?: Partial<Record<FeatureName, string[]>>
  /**
   * Fractions of a limit at which tenant-admins are emailed, once per threshold per month.
   * @default [0.8, 1]
   */
  alertThresholds?: number[]
  /**
   * node-cron expression of the daily usage snapshot; false switches the schedule off (the task
   * stays runnable). @default '5 0 * * *' (00:05 server time)
   */
  snapshotSchedule?: false | string
  /**
   * How long one app process reuses a tenant's plan, limits and overrides before reading them
   * again. Changes made through this process apply at once; other processes see them within
   * this time. @default 30
   */
  cacheSeconds?: number
  /** The tenants collection. @default 'tenants' */
  tenantsSlug?: string
  /** The plans collection (fields `slug`, `limits.<name>`, `features`). @default 'plans' */
  plansSlug?: string
}

export type ResolvedQuotasOptions = Required<Omit<QuotasPluginOptions, 'countLimits'>> & {
  countLimits: Record<CountLimit, string>
}

export function resolveOptions(options: QuotasPluginOptions = {}): ResolvedQuotasOptions {
  return {
    enabled: options.enabled ?? true,
    countLimits: { users: 'users', pages: 'pages', numbers: 'numbers', couriers: 'couriers', products: 'products', ...options.countLimits },
    consumeOnCreate: options.consumeOnCreate ?? { orders: 'ordersPerMonth', leads: 'leadsPerMonth' },
    featureCollections: options.featureCollections ?? { whatsapp: ['numbers', 'message-templates'], messenger: ['pages'], couriers: ['couriers'] },
    alertThresholds: [...(options.alertThresholds ?? [0.8, 1])].sort((a, b) => a - b),
    snapshotSchedule: options.snapshotSchedule ?? '5 0 * * *',
    cacheSeconds: options.cacheSeconds ?? 30,
    tenantsSlug: options.tenantsSlug ?? 'tenants',
    plansSlug: options.plansSlug ?? 'plans',
  }
}
