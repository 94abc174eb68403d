import type { Access, Config, Field, Payload, PayloadRequest, TaskConfig, TaskInput, TaskType } from 'payload'

import type { Plan } from '../../payload-types'
import type { QuotasAdmin } from './host-admin'
import type { TenantRole } from './permissions'
import type { SQL } from './sql'

export type { QuotasAdmin, RequireAdminUser, TenantChoice, TenantChoicesProps, ViewShellProps, ViewTarget } from './host-admin'

/** Every limit a plan may set (the `limits` group of the plans collection), checked against payload-types. */
type PlanLimitField = keyof NonNullable<Plan['limits']>

/** Limits on how many of something a tenant may have at once (checked on create). */
export const COUNT_LIMITS = ['users', 'pages', 'numbers', 'couriers', 'products'] as const satisfies readonly PlanLimitField[]
/** Limits per calendar month in the tenant's timezone (kept in the usage ledger). */
export const PERIODIC_LIMITS = ['monthlyMessages', 'leadsPerMonth', 'ordersPerMonth', 'shipmentsPerMonth', 'aiRequestsPerMonth'] as const satisfies readonly PlanLimitField[]
/** Every usage limit, in the order the Usage view and the API list them. */
export const LIMITS = [...COUNT_LIMITS, ...PERIODIC_LIMITS] as const
/** Limits on how fast rather than how much (read by the host's rate limits): no ledger, alerts or bars. */
export const RATE_LIMITS = ['apiRequestsPerMinute'] as const satisfies readonly PlanLimitField[]

export type CountLimit = (typeof COUNT_LIMITS)[number]
export type PeriodicLimit = (typeof PERIODIC_LIMITS)[number]
export type LimitName = (typeof LIMITS)[number]
export type RateLimitName = (typeof RATE_LIMITS)[number]
export type FeatureName = NonNullable<Plan['features']>[number]

// The plugin enforces every limit of the plans collection, and nothing it does not have: a limit
// added to (or removed from) the plans collection fails to compile here until it is handled.
type Missing = Exclude<PlanLimitField, LimitName | RateLimitName>
const everyPlanLimitHandled: [Missing] extends [never] ? true : Missing = true
void everyPlanLimitHandled

export const isPeriodicLimit = (limit: string): limit is PeriodicLimit => (PERIODIC_LIMITS as readonly string[]).includes(limit)

/** The tasks whose whole input is `{ tenantId }` (the ones a fan-out queues per tenant). */
export type PerTenantTask = { [S in TaskType]: { tenantId: string } extends TaskInput<S> ? (TaskInput<S> extends { tenantId: string } ? S : never) : never }[TaskType]

/** Any task, as `jobs.tasks` holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskConfig<any>

/** What the host's tenant task factory is given: a task whose input names its tenant. */
export type TenantTaskSpec<I extends { tenantId: string }, O extends object> = Omit<TaskConfig<{ input: I; output: O }>, 'handler' | 'inputSchema'> & {
  inputSchema?: Field[]
  handler: (args: { input: I; req: PayloadRequest }) => Promise<{ output: O }>
}

/** Access pieces of the host (its roles stay the host's: the plugin only asks these questions). */
export type QuotasAccess = {
  /** The platform operator, who sees and manages every tenant (overrides, the overview). */
  isSuperAdmin: (user: unknown) => boolean
  /**
   * Read access to platform-written, tenant-owned rows: the super-admin all; staff holding one
   * of `roles` the rows of their usable tenants. The roles are the plugin's permission rows
   * (`QUOTA_PERMISSIONS`).
   */
  readOwnTenants: (roles: readonly TenantRole[]) => Access
}

/** The host's tenancy: who acts for which tenant, and how to run work for one. */
export type QuotasTenancy = {
  /**
   * The tenants a request acts for, for feature gates: the one named by API key, header or host;
   * else a staff member's tenants; else none (super-admin, system work, anonymous) — [] means
   * "not narrowed".
   */
  requestTenants: (req: PayloadRequest) => string[]
  /** Ids of the tenants a user document (or a users create/update's data) is a member of. */
  memberTenantIds: (user: unknown) => string[]
  /**
   * The tenant whose usage a signed-in caller asks for (`?tenant=`, else the request's tenant),
   * checked: staff only their own usable tenants. Throws an APIError (401/400/403) otherwise.
   */
  viewedTenantOf: (req: PayloadRequest) => Promise<string>
  /** Whether a tenant (status, deletedAt) may run work: snapshots are queued for these only. */
  isTenantUsable: (tenant: { status?: null | string; deletedAt?: null | string }) => boolean
  /** The people a tenant's quota alerts are emailed to. */
  tenantAdmins: (req: PayloadRequest, tenantId: string) => Promise<{ email: string }[]>
  /** Email as the tenant's shop: its branded template (heading, paragraphs, a button for the link), From/Reply-To and its own SMTP server when it has one, else the platform's. */
  sendShopEmail: (payload: Payload, email: { tenantId: string; to: string; subject: string; heading?: string; paragraphs: string[]; action?: { label: string; url: string }; after?: string[] }) => Promise<void>
  /** Run `fn` in one tenant's context (row-level security), as a job. */
  runWithTenant: <T>(context: { tenantId: string; via: 'job' }, fn: () => T) => T
  /** Run `fn` as the platform (every tenant), for a logged reason. */
  runAsSystem: <T>(reason: string, fn: () => T) => T
}

/** The host's database helpers. */
export type QuotasDb = {
  /** Raw SQL in `req`'s transaction (when there is one) and database context (row-level security). */
  runSql: (req: PayloadRequest, query: SQL) => Promise<Record<string, unknown>[]>
  /** Run `fn` in `req`'s transaction, opening (and committing or rolling back) one when there is none. */
  withTransaction: <T>(req: PayloadRequest, fn: () => Promise<T>) => Promise<T>
}

/** The host's background work (its job mechanism; the plugin declares its tasks, and their schedules, in it). */
export type QuotasJobs = {
  /** A Payload task run in its input's tenant context, skipped while the tenant is not usable. */
  tenantTask: <I extends { tenantId: string }, O extends object>(task: TenantTaskSpec<I, O>) => TaskConfig<{ input: I; output: object }>
  /**
   * Add tasks to the config's one registry (`jobs.tasks`); a task's `schedule: [{ cron, queue }]`
   * is run by the host's clock, once per slot across instances.
   */
  withTasks: (config: Config, tasks: AnyTask[]) => Config
  /**
   * Queue a per-tenant task once for each of `tenantIds`, leaving out the tenants with one still
   * waiting (so a fan-out that runs twice queues nothing twice). Answers how many it queued.
   */
  queueForTenants: (req: PayloadRequest, task: PerTenantTask, tenantIds: string[]) => Promise<number>
}

export type QuotasPluginOptions = {
  /** @default true — false leaves the config untouched (no limits, gates, ledger or dashboard). */
  enabled?: boolean
  /** The host's access pieces (required). */
  access: QuotasAccess
  /** The host's tenancy pieces (required). */
  tenancy: QuotasTenancy
  /** The host's database helpers (required). */
  db: QuotasDb
  /** The host's job mechanism (required). */
  jobs: QuotasJobs
  /** The host's admin pieces for the Usage view (required). */
  admin: QuotasAdmin
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
   * Cron expression of the daily usage snapshots (the `queueUsageSnapshots` task's schedule);
   * false switches the schedule off (the tasks stay runnable). @default '5 0 * * *' (00:05 server time)
   */
  snapshotSchedule?: false | string
  /**
   * How long one app process reuses a tenant's plan, limits and overrides before reading them
   * again. Changes made through this process apply at once; other processes see them within
   * this time. @default 30
   */
  cacheSeconds?: number
  /** The tenants collection (fields `name`, `slug`, `timezone`, `plan`, `status`, `deletedAt`). @default 'tenants' */
  tenantsSlug?: string
  /** The plans collection (fields `slug`, `name`, `limits.<name>`, `features`). @default 'plans' */
  plansSlug?: string
  /**
   * Whether a tenant may go past a monthly limit because the excess is billed (the billing
   * plugin's metered overage). Asked only when a unit would be refused. @default never
   */
  allowsOverage?: (req: PayloadRequest, tenantId: string, limit: PeriodicLimit) => Promise<boolean>
  /**
   * The host's cache invalidation across app instances: `invalidate` runs the topic's handlers
   * here and on every other instance, `onInvalidate` registers one (id null: everything). With
   * it a changed plan or override reaches every instance at once, not after `cacheSeconds`.
   * @default this process only
   */
  invalidation?: Invalidation
}

export type Invalidation = {
  invalidate: (topic: string, id: null | string) => void
  onInvalidate: (topic: string, handler: (id: null | string) => void) => void
}

export type ResolvedQuotasOptions = Required<Omit<QuotasPluginOptions, 'countLimits'>> & {
  countLimits: Record<CountLimit, string>
}

export function resolveOptions(options: QuotasPluginOptions): ResolvedQuotasOptions {
  return {
    enabled: options.enabled ?? true,
    access: options.access,
    tenancy: options.tenancy,
    db: options.db,
    jobs: options.jobs,
    admin: options.admin,
    countLimits: { users: 'users', pages: 'pages', numbers: 'numbers', couriers: 'couriers', products: 'products', ...options.countLimits },
    consumeOnCreate: options.consumeOnCreate ?? { orders: 'ordersPerMonth', leads: 'leadsPerMonth' },
    featureCollections: options.featureCollections ?? { whatsapp: ['numbers', 'message-templates'], messenger: ['pages'], couriers: ['couriers'] },
    alertThresholds: [...(options.alertThresholds ?? [0.8, 1])].sort((a, b) => a - b),
    snapshotSchedule: options.snapshotSchedule ?? '5 0 * * *',
    cacheSeconds: options.cacheSeconds ?? 30,
    tenantsSlug: options.tenantsSlug ?? 'tenants',
    plansSlug: options.plansSlug ?? 'plans',
    allowsOverage: options.allowsOverage ?? (async () => false),
    invalidation: options.invalidation ?? localInvalidation(),
  }
}

/** The plugin's resolved options, kept in the config (server-only `custom`) by quotasPlugin. */
export const quotaOptions = (payload: Payload): ResolvedQuotasOptions => {
  const options = (payload.config.custom as { quotas?: ResolvedQuotasOptions } | undefined)?.quotas
  if (!options) throw new Error('plugins/quotas is not installed in this config')
  return options
}

/** Invalidation within this process only (no host bus): handlers run where the change is made. */
function localInvalidation(): Invalidation {
  const handlers = new Map<string, Set<(id: null | string) => void>>()
  return {
    invalidate: (topic, id) => handlers.get(topic)?.forEach((handler) => handler(id)),
    onInvalidate: (topic, handler) => void (handlers.get(topic) ?? handlers.set(topic, new Set()).get(topic)!).add(handler),
  }
}
