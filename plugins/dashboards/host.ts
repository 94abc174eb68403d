import type { sql } from '@payloadcms/db-postgres'
import type { AdminViewServerProps, CollectionConfig, Config, Field, Payload, PayloadRequest, TaskConfig, TaskHandlerArgs, TaskInput, TaskType, TypedUser, Where } from 'payload'
import type { ReactNode } from 'react'

import type { User } from '../../payload-types'
import type { DashboardRole } from './permissions'
import type { DashboardsCollection } from './reports/settings'

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
  /**
   * The Reports view (`/admin/reports`) is drawn in the host's view shell, by import-map path
   * (`/src/admin/File#export`) as Payload names admin components: a server component
   * (`ReportsShellProps`) and the function returning the signed-in admin user of a custom view,
   * else redirecting. Without both there is no Reports view (the report endpoint stays).
   */
  viewShell?: string
  requireAdminUser?: string
  /** A client component drawing a side-nav link from `{ path, label, id }` (`afterNavLinks`). @default none */
  navLink?: string
}

type ViewProps = Pick<AdminViewServerProps, 'initPageResult' | 'params' | 'searchParams'>
/** The props the host's view shell is rendered with (`admin.viewShell`). */
export type ReportsShellProps = ViewProps & { viewType: string; label: string; className: string; children: ReactNode }
/** The host's `admin.requireAdminUser` function: the signed-in admin user of a custom view, else a redirect. */
export type RequireAdminUser = (props: ViewProps, path: `/${string}`) => TypedUser

/** What the host's audit writer is given for an export (plugins/dashboards/README.md, "Reports"). */
export type ExportAuditEntry = { tenant: string; action: 'export'; summary: string }

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
    tenantFacts: (req: PayloadRequest, tenantId: string) => Promise<{ currency: string; timezone: string; slug?: string }>
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
  /** The host's tenant-owned collection factory (matrix access, tenant guard, audit trail): the report settings are built with it. */
  tenantOwned: (collection: CollectionConfig & { slug: DashboardsCollection; audit?: boolean }) => CollectionConfig
  /** Append an entry to the host's audit log, in `req`'s transaction: every report export writes one. */
  audit: (req: PayloadRequest, entry: ExportAuditEntry) => Promise<void>
  /** One value as an injection-safe CSV cell (formula-like text escaped): the report's CSV cells go through it. */
  csvCell: (value: unknown) => string
}
