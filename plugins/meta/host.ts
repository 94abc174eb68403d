import type { sql } from '@payloadcms/db-postgres'
import type { CollectionConfig, Config, Field, FieldAccess, Payload, PayloadRequest, TaskConfig, TaskHandlerArgs, TaskInput, TaskType } from 'payload'

import type { User } from '../../payload-types'
import type { MetaAdmin } from './host-admin'
import type { MetaCollection } from './permissions'

export type { MetaAdmin, NavLinkProps, RequireAdminUser, ThreadToolProps, ViewShellProps } from './host-admin'

type SQL = ReturnType<typeof sql>
type AnyUser = null | Partial<User> | undefined

export type Operation = 'create' | 'read' | 'update' | 'delete'
/** Collections the plugin checks a caller's role on: its own, and the host's it writes to. */
export type RoleCheckedCollection = MetaCollection | 'pages' | 'numbers' | 'customers'

/** A reaction to a stored customer message (`inbound.after`). */
export type AfterInbound = (req: PayloadRequest, event: { tenantId: string; conversationId: string; messageId: string }) => Promise<void>

/** The tenant a piece of the plugin's work runs for (a subset of the host's tenant context). */
export type TenantWork = Readonly<{ tenantId: string; via: 'user' | 'job'; userId?: string }>

/** Any task, as `jobs.tasks` holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskConfig<any>

/** The tasks whose whole input is `{ tenantId }` (the ones a fan-out queues per tenant). */
export type PerTenantTask = { [S in TaskType]: { tenantId: string } extends TaskInput<S> ? (TaskInput<S> extends { tenantId: string } ? S : never) : never }[TaskType]

type TenantInput = { tenantId: string }
/** What the plugin's task handlers use of the host's tenant task arguments. */
export type TenantTaskArgs<I extends TenantInput> = Pick<TaskHandlerArgs<{ input: I; output: object }>, 'job' | 'req'> & { input: I }
export type TenantTaskOptions<I extends TenantInput, O extends object> = Omit<TaskConfig<{ input: I; output: O }>, 'handler' | 'inputSchema'> & {
  inputSchema?: Field[]
  handler: (args: TenantTaskArgs<I>) => Promise<{ output: O }>
}

/**
 * What the plugin needs from its host, passed in its options (plugin-ecommerce's way: the host
 * injects its code; the plugin imports nothing of the app). src/plugin-host/meta.ts is this
 * app's; plugins/meta/README.md, "Host pieces", says why each is there.
 */
export type MetaHost = {
  access: {
    /** The platform role outside any tenant (sees every shop's inbox). */
    isSuperAdmin: (user: AnyUser) => boolean
    /**
     * Whether the request may do `operation` on `collection` in one tenant, by the host's
     * permission matrix and the request's tenancy scope (usable tenants, a named tenant narrows).
     */
    roleMay: (req: PayloadRequest, tenantId: unknown, collection: RoleCheckedCollection, operation: Operation) => Promise<boolean>
    /** Field access of values only the platform writes (stripped from every API caller's data). */
    systemOnly: { create: FieldAccess; update: FieldAccess }
  }
  /**
   * The host's tenant-owned collection factory: matrix access from the collection's permission
   * row (META_PERMISSIONS, merged into the host's matrix), tenant guard, same-tenant
   * relationships, audit trail (`audit: false` for high-volume system data).
   */
  tenantOwned: (collection: CollectionConfig & { slug: MetaCollection; audit?: boolean }) => CollectionConfig
  db: {
    /** Raw SQL in `req`'s transaction and tenant context (row-level security applies). */
    runSql: (req: PayloadRequest, query: SQL) => Promise<Record<string, unknown>[]>
    /** `fn` in `req`'s transaction: opened (and committed or rolled back) when `req` has none. */
    withTransaction: <T>(req: PayloadRequest, fn: () => Promise<T>) => Promise<T>
    /** `fn` in a savepoint of `req`'s open transaction: a failing write does not abort it. */
    inSavepoint: <T>(req: PayloadRequest, fn: () => Promise<T>) => Promise<T>
  }
  tenancy: {
    /** Run `fn` for one tenant (the database context row-level security reads). */
    runWithTenant: <T>(context: TenantWork, fn: () => T) => T
    /** Run `fn` as the platform (every tenant's rows), `reason` recorded. */
    runAsSystem: <T>(reason: string, fn: () => T) => T
    /** The user's memberships as `{ tenant, role }` rows. */
    memberships: (user: AnyUser) => { tenant: string; role: string }[]
    /** The user's role in one tenant, or null. */
    roleIn: (user: AnyUser, tenantId: unknown) => null | string
    /** Whom a tenant's alerts are emailed to (a disconnected page or number). */
    tenantAdmins: (req: PayloadRequest, tenantId: string) => Promise<Pick<User, 'email'>[]>
    /** Email as the tenant's shop: its branded template (heading, paragraphs, a button for the link), From/Reply-To and its own SMTP server when it has one, else the platform's. */
    sendShopEmail: (
      payload: Payload,
      email: { tenantId: string; to: string; subject: string; heading?: string; paragraphs: string[]; action?: { label: string; url: string }; after?: string[] },
    ) => Promise<void>
    /** The tenant's business hours from its stored settings, defaults filled in. */
    businessHours: (settings: unknown) => { start: string; end: string }
  }
  jobs: {
    /** A Payload task that runs for the tenant in its input (skipped for unusable tenants). */
    tenantTask: <I extends TenantInput, O extends object>(options: TenantTaskOptions<I, O>) => TaskConfig<{ input: I; output: O | { skipped: string } }>
    /**
     * Add tasks to the config's one registry (`jobs.tasks`); a task's `schedule: [{ cron, queue }]`
     * is run by the host's clock, once per slot across instances.
     */
    withTasks: (config: Config, tasks: AnyTask[]) => Config
    /**
     * Queue a per-tenant task once for each of `tenantIds`, leaving out the tenants with one still
     * waiting (so a fan-out that runs twice, or every minute, queues nothing twice). Answers how many it queued.
     */
    queueForTenants: (req: PayloadRequest, task: PerTenantTask, tenantIds: string[]) => Promise<number>
    /** Run queued jobs in this process after `afterMs` instead of at the runner's next poll. */
    kickJobs: (payload: Payload, afterMs: number) => void
  }
  secrets: {
    /** The `context` key that makes the host's secret fields return their ciphertext. */
    revealKey: string
    decrypt: (stored: string) => string
    /** Whether a value is a stored ciphertext (not a token typed in this write). */
    isEncrypted: (value: string) => boolean
  }
  quotas: {
    /** Take `units` of a monthly limit for the tenant; throws the host's quota error past it. */
    consume: (req: PayloadRequest, tenantId: string, limit: 'monthlyMessages', units: number) => Promise<unknown>
    /** Whether an error is the host's "quota used up" refusal. */
    isQuotaExceeded: (error: unknown) => boolean
  }
  /**
   * The host's rules for contact details, so a lead, a customer or a linked conversation the
   * plugin writes passes the same checks as one typed into the host's own forms.
   */
  validation: {
    /** Whether a value is a phone by the host's rule (its customers and leads store only these). */
    isPhone: (value: unknown) => boolean
    /** A phone as people write it (spaces, 00…, local forms) in the host's form, or null. */
    normalisePhone: (raw: null | string | undefined) => null | string
    /** What a caller is told when a phone is refused. */
    phoneMessage: string
    /** Whether a value is an e-mail address the host's `email` fields accept. */
    isEmail: (value: unknown) => boolean
  }
  /** The host's admin pieces the Inbox is drawn with, by import-map path (host-admin.ts). */
  admin: MetaAdmin
  /**
   * What else happens after a customer's message is stored (after the automations), in the
   * event's transaction and tenant context: another plugin's reaction (the AI auto-reply queues
   * its job), handed over by the host so the plugins never import each other. @default none
   */
  inbound?: { after?: AfterInbound[] }
  /** One value per process whatever the number of copies of a module (Next.js bundles server code twice). */
  processGlobal: <T>(name: string, create: () => T) => T
}
