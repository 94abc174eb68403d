import type { sql } from '@payloadcms/db-postgres'
import type { Config, Field, Payload, PayloadRequest, TaskConfig, TaskHandlerArgs, TaskInput, TaskType, Where } from 'payload'

import type { User } from '../../payload-types'
import type { DashboardRole } from './permissions'

type SQL = ReturnType<typeof sql>
type AnyUser = null | Partial<User> | undefined

/** The tenant a piece of the plugin's work runs for (a subset of the host's tenant context). */
export type TenantWork = Readonly<{ tenantId: string; via: 'user' | 'job'; userId?: string }>

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskConfig<any>
/** The tasks whose whole input is `{ tenantId }` (the ones a fan-out queues per tenant). */
export type PerTenantTask = { [S in TaskType]: { tenantId: string } extends TaskInput<S> ? (TaskInput<S> extends { tenantId: string } ? S : never) : never }[TaskType]

type TenantInput = { tenantId: string }
export type TenantTaskArgs<I extends TenantInput> = Pick<TaskHandlerArgs<{ input: I; output: object }>, 'job' | 'req'> & { input: I }
export type TenantTaskOptions<I extends TenantInput, O extends object> = Omit<TaskConfig<{ input: I; output: O }>, 'handler' | 'inputSchema'> & {
  inputSchema?: Field[]
  handler: (args: TenantTaskArgs<I>) => Promise<{ output: O }>
}

/** What the host's endpoint-tenant resolver is told to say (401 / 400 / 403). */
export type EndpointTenantOptions = { roles: readonly DashboardRole[]; signIn: string; choose: string; forbidden: string }

/** Which shop a one-shop admin view shows (the host's rule: `?tenant=`, the selected tenant, the user's only one). */
export type ViewTarget =
  { kind: 'overview' } | { kind: 'tenant'; tenantId: string; choices: { id: string; name: string }[]; guessed: boolean } | { kind: 'none'; message: string; choices: { id: string; name: string }[] }

/** The admin pieces the shop's home is drawn with (server-side functions: the home is a server component). */
export type DashboardsAdmin = {
  viewTarget: (req: PayloadRequest, searchParams: Record<string, string | string[] | undefined> | undefined, cookies: Map<string, string> | undefined) => Promise<ViewTarget>
  /** The app's money formatting (minor units, the shop's currency). */
  formatMoney: (minor: number, currency: string) => string
  /** How many minor units make the currency's major unit, as a power of ten (BDT: 2): money charts' axes are drawn in major units. */
  minorDigits: (currency: string) => number
  /** False keeps Payload's stock dashboard. @default true */
  replaceDashboard?: boolean
}

/**
 * What the plugin needs from its host, passed in its options (the plugin imports nothing of the
 * app). src/plugin-host/dashboards.ts is this app's; plugins/dashboards/README.md, "Host pieces".
 */
export type DashboardsHost = {
  access: { isSuperAdmin: (user: AnyUser) => boolean }
  db: {
    /** Raw SQL in `req`'s transaction and tenant context (row-level security applies). */
    runSql: (req: PayloadRequest, query: SQL) => Promise<Record<string, unknown>[]>
    withTransaction: <T>(req: PayloadRequest, fn: () => Promise<T>) => Promise<T>
  }
  tenancy: {
    runWithTenant: <T>(context: TenantWork, fn: () => T) => T
    /** The tenant a custom endpoint acts on (`?tenant=`, else the request's), checked against the caller's roles. */
    endpointTenant: (req: PayloadRequest, options: EndpointTenantOptions) => Promise<string>
    /** The caller's role in `tenantId` ('super-admin' for the platform), or null. */
    roleIn: (req: PayloadRequest, tenantId: string) => Promise<DashboardRole | 'super-admin' | null>
    /** The tenant's currency and time zone (day boundaries are the shop's). */
    tenantFacts: (req: PayloadRequest, tenantId: string) => Promise<{ currency: string; timezone: string }>
  }
  jobs: {
    tenantTask: <I extends TenantInput, O extends object>(options: TenantTaskOptions<I, O>) => TaskConfig<{ input: I; output: O | { skipped: string } }>
    withTasks: (config: Config, tasks: AnyTask[]) => Config
    /** Queue a per-tenant task once for each tenant matching `where` on the host's tenants (read as the platform, `reason` recorded). */
    queueForTenantsWhere: (payload: Payload, task: PerTenantTask, where: Where, reason: string) => Promise<number>
  }
  /**
   * Which other plugins' tables exist in this app (the plugin reads them by name in SQL, never
   * imports their code): the inbox's `conversations`/`messages`, the couriers' `shipments`.
   * A source left out rolls up nothing and its section answers empty. `billing`: the billing
   * plugin's `subscriptions` (the platform view's MRR) and its admin view at `/billing`.
   */
  sources: { inbox: boolean; couriers: boolean; billing: boolean }
  admin: DashboardsAdmin
}
