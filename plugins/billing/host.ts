import type { sql } from '@payloadcms/db-postgres'
import type { CollectionConfig, Config, FieldAccess, Payload, PayloadRequest, TaskConfig, TaskInput, TaskType } from 'payload'

import type { User } from '../../payload-types'
import type { BillingAdmin } from './admin-config'
import type { BillingCollection } from './permissions'

type SQL = ReturnType<typeof sql>
type AnyUser = null | Partial<User> | undefined

/** The metered limits a plan may bill overage for (the host's monthly limits of the same names). */
export const METERED_METRICS = ['monthlyMessages', 'aiRequestsPerMonth', 'shipmentsPerMonth'] as const
export type MeteredMetric = (typeof METERED_METRICS)[number]

/** The tenant a piece of the plugin's work runs for (a subset of the host's tenant context). */
export type TenantWork = Readonly<{ tenantId: string; via: 'user' | 'job'; userId?: string }>

/** The tasks whose whole input is `{ tenantId }` (the ones queued per tenant). */
export type PerTenantTask = { [S in TaskType]: { tenantId: string } extends TaskInput<S> ? (TaskInput<S> extends { tenantId: string } ? S : never) : never }[TaskType]

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskConfig<any>

/**
 * What the plugin needs from its host, passed in its options (the plugin imports nothing of the
 * app). src/plugin-host/billing.ts is this app's; plugins/billing/README.md, "Host pieces".
 */
export type BillingHost = {
  access: {
    isSuperAdmin: (user: AnyUser) => boolean
    /** The user's role in one tenant, or null (the super-admin has none). */
    roleIn: (user: AnyUser, tenantId: string) => null | string
    systemOnly: { create: FieldAccess; update: FieldAccess }
  }
  /** The host's tenant-owned collection factory (matrix access, tenant guard, audit trail). */
  tenantOwned: (collection: CollectionConfig & { slug: BillingCollection; audit?: boolean }) => CollectionConfig
  db: {
    runSql: (req: PayloadRequest, query: SQL) => Promise<Record<string, unknown>[]>
    withTransaction: <T>(req: PayloadRequest, fn: () => Promise<T>) => Promise<T>
  }
  tenancy: {
    runWithTenant: <T>(context: TenantWork, fn: () => T) => T
    runAsSystem: <T>(reason: string, fn: () => T) => T
    /** The tenant a custom endpoint acts on (`?tenant=`, else the request's), for one of `roles` (the super-admin: any). */
    endpointTenant: (req: PayloadRequest, options: { roles: readonly string[]; signIn: string; choose: string; forbidden: string }) => Promise<string>
    tenantAdmins: (req: PayloadRequest, tenantId: string) => Promise<Pick<User, 'email'>[]>
    /** Email as the tenant's shop: its branded template (heading, paragraphs, a button for the link), From/Reply-To and its own SMTP server when it has one, else the platform's. */
    sendShopEmail: (
      payload: Payload,
      email: { tenantId: string; to: string; subject: string; heading?: string; paragraphs: string[]; action?: { label: string; url: string }; after?: string[] },
    ) => Promise<void>
  }
  jobs: {
    withTasks: (config: Config, tasks: AnyTask[]) => Config
    /** Queue a per-tenant task for each tenant, none for a tenant whose job is still waiting. */
    queueForTenants: (req: PayloadRequest, task: PerTenantTask, tenantIds: string[]) => Promise<number>
    kickJobs: (payload: Payload, afterMs: number) => void
  }
  quotas: {
    /** Units of a monthly limit used in the tenant's period that `at` (default now) falls in, the limit, and the period's key ('YYYY-MM'). */
    usage: (req: PayloadRequest, tenantId: string, metric: MeteredMetric, at?: Date) => Promise<{ used: number; max: null | number; period: string }>
  }
  /** Audit an action in a tenant (or the platform: tenant null) under the request's caller. */
  audit: (req: PayloadRequest, entry: { tenant: null | string; action: 'create' | 'update'; collection: string; documentId?: string; summary: string }) => Promise<void>
  /** A userless request sharing the caller's transaction and tenant context, whose writes the audit trail names the caller for. */
  systemReq: (req: PayloadRequest) => Promise<PayloadRequest>
  admin: BillingAdmin
  processGlobal: <T>(name: string, create: () => T) => T
}
