import type { sql } from '@payloadcms/db-postgres'
import type { CollectionConfig, Config, Field, FieldAccess, Payload, PayloadRequest, TaskConfig, TaskHandlerArgs, TaskInput, TaskType, Where } from 'payload'

import type { User } from '../../payload-types'
import type { CourierCollection, CourierTenantRole } from './permissions'

type SQL = ReturnType<typeof sql>
type AnyUser = null | Partial<User> | undefined

export type Operation = 'create' | 'read' | 'update' | 'delete'
/** Collections the plugin checks a caller's role on: its own, and the host's it writes to. */
export type RoleCheckedCollection = CourierCollection | 'orders' | 'couriers' | 'customers'

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
export type EndpointTenantOptions = { roles: readonly CourierTenantRole[]; signIn: string; choose: string; forbidden: string }

/** The admin pieces the plugin's views are drawn with, by import-map path. */
export type CouriersAdmin = {
  /** The host's view shell (`{ title, children }` inside the admin's template, signed-in users only). */
  viewShell: string
  /** The host's nav link component (`{ href, label }`); none leaves the views out of the nav. */
  navLink?: string
  /** A server function `(props) => user | redirect` the views call first. */
  requireAdminUser: string
  /**
   * The host's money field and list cell (minor units shown and typed in major units, in the
   * document's `currency`); without them the plugin's amounts are plain numbers of minor units.
   */
  money?: { Field: string; Cell: string }
}

/**
 * What the plugin needs from its host, passed in its options (the plugin imports nothing of the
 * app). src/plugin-host/couriers.ts is this app's; plugins/couriers/README.md, "Host pieces".
 */
export type CouriersHost = {
  access: {
    isSuperAdmin: (user: AnyUser) => boolean
    /** Whether the request may do `operation` on `collection` in one tenant (matrix + the request's scope). */
    roleMay: (req: PayloadRequest, tenantId: unknown, collection: RoleCheckedCollection, operation: Operation) => Promise<boolean>
    /** Field access of values only the platform writes. */
    systemOnly: { create: FieldAccess; update: FieldAccess }
    /** The tenant roles the matrix allows `operation` on `collection`. */
    rolesAllowed: (collection: RoleCheckedCollection, operation: Operation) => CourierTenantRole[]
  }
  /** The host's tenant-owned collection factory (matrix access, tenant guard, same-tenant relations, audit trail). */
  tenantOwned: (collection: CollectionConfig & { slug: CourierCollection; audit?: boolean }) => CollectionConfig
  db: {
    /** Raw SQL in `req`'s transaction and tenant context (row-level security applies). */
    runSql: (req: PayloadRequest, query: SQL) => Promise<Record<string, unknown>[]>
    withTransaction: <T>(req: PayloadRequest, fn: () => Promise<T>) => Promise<T>
  }
  tenancy: {
    runWithTenant: <T>(context: TenantWork, fn: () => T) => T
    runAsSystem: <T>(reason: string, fn: () => T) => T
    /** The tenant a custom endpoint acts on (`?tenant=`, else the request's), checked against the caller's roles. */
    endpointTenant: (req: PayloadRequest, options: EndpointTenantOptions) => Promise<string>
    /** The tenant's name, currency, timezone and stored settings (the plugin reads its `couriers` key, own defaults). */
    tenantFacts: (req: PayloadRequest, tenantId: string) => Promise<{ name: string; currency: string; timezone: string; settings: Record<string, unknown> }>
    /** Whom a tenant's alerts are emailed to. */
    tenantAdmins: (req: PayloadRequest, tenantId: string) => Promise<Pick<User, 'email'>[]>
    /** Email as the tenant's shop: its branded template (heading, paragraphs, a button for the link), From/Reply-To and its own SMTP server when it has one, else the platform's. */
    sendShopEmail: (
      payload: Payload,
      email: { tenantId: string; to: string; subject: string; heading?: string; paragraphs: string[]; action?: { label: string; url: string }; after?: string[] },
    ) => Promise<void>
  }
  jobs: {
    tenantTask: <I extends TenantInput, O extends object>(options: TenantTaskOptions<I, O>) => TaskConfig<{ input: I; output: O | { skipped: string } }>
    withTasks: (config: Config, tasks: AnyTask[]) => Config
    queueForTenants: (req: PayloadRequest, task: PerTenantTask, tenantIds: string[]) => Promise<number>
    /** Queue a per-tenant task once for each tenant matching `where` on the host's tenants (read as the platform, `reason` recorded). */
    queueForTenantsWhere: (payload: Payload, task: PerTenantTask, where: Where, reason: string) => Promise<number>
    kickJobs: (payload: Payload, afterMs: number) => void
  }
  secrets: {
    revealKey: string
    encrypt: (plain: string) => string
    decrypt: (stored: string) => string
    isEncrypted: (value: string) => boolean
  }
  quotas: {
    /** Take `units` of a monthly limit; throws the host's quota error past it. */
    consume: (req: PayloadRequest, tenantId: string, limit: 'shipmentsPerMonth', units: number) => Promise<unknown>
    isQuotaExceeded: (error: unknown) => boolean
  }
  /**
   * The host's limiter (one store for the API's limits and the providers'): take one call of
   * `key`'s budget of `points` per `seconds`; answers 0, or the milliseconds until one is free.
   */
  pace: (key: string, points: number, seconds: number) => Promise<number>
  /** A userless request sharing the caller's transaction and tenant context, whose writes the audit trail names the caller for. */
  systemReq: (req: PayloadRequest) => Promise<PayloadRequest>
  /** The host's CSV reader: header row → objects (payout sheets). */
  csv: { parse: (text: string) => Record<string, string>[] }
  admin: CouriersAdmin
  processGlobal: <T>(name: string, create: () => T) => T
}
