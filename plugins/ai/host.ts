import type { CollectionConfig, Config, Field, Payload, PayloadRequest, TaskConfig, TaskHandlerArgs } from 'payload'

import type { User } from '../../payload-types'
import type { AiCollection, AiTenantRole } from './permissions'

type AnyUser = null | Partial<User> | undefined

/** The tenant a piece of the plugin's work runs for (a subset of the host's tenant context). */
export type TenantWork = Readonly<{ tenantId: string; via: 'user' | 'job'; userId?: string }>

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskConfig<any>

type TenantInput = { tenantId: string }
export type TenantTaskArgs<I extends TenantInput> = Pick<TaskHandlerArgs<{ input: I; output: object }>, 'job' | 'req'> & { input: I }
export type TenantTaskOptions<I extends TenantInput, O extends object> = Omit<TaskConfig<{ input: I; output: O }>, 'handler' | 'inputSchema'> & {
  inputSchema?: Field[]
  handler: (args: TenantTaskArgs<I>) => Promise<{ output: O }>
}

/** What the host's endpoint-tenant resolver is told to say (401 / 400 / 403). */
export type EndpointTenantOptions = { roles: readonly AiTenantRole[]; signIn: string; choose: string; forbidden: string }

/** The shop's own facts the prompt and the auto-reply's hours use. */
export type ShopFacts = { name: string; currency: string; timezone: string; businessHours: { start: string; end: string } }

/**
 * What the plugin needs from its host, passed in its options (the plugin imports nothing of the
 * app). src/plugin-host/ai.ts is this app's; plugins/ai/README.md, "Host pieces".
 */
export type AiHost = {
  access: { isSuperAdmin: (user: AnyUser) => boolean }
  /** The host's tenant-owned collection factory (matrix access, tenant guard, same-tenant relations, audit trail). */
  tenantOwned: (collection: CollectionConfig & { slug: AiCollection; audit?: boolean }) => CollectionConfig
  db: {
    /** `fn` in `req`'s transaction: opened (and committed or rolled back) when `req` has none. */
    withTransaction: <T>(req: PayloadRequest, fn: () => Promise<T>) => Promise<T>
    /** `fn` in a savepoint of `req`'s open transaction: a failing write does not abort it. */
    inSavepoint: <T>(req: PayloadRequest, fn: () => Promise<T>) => Promise<T>
    /**
     * A request without a user sharing `req`'s transaction and tenant context, for the plugin's
     * own writes of system rows (the usage ledger) on behalf of a caller whose role may not write
     * them; the audit trail names the caller.
     */
    systemReq: (req: PayloadRequest) => Promise<PayloadRequest>
  }
  tenancy: {
    /** Run `fn` for one tenant (the database context row-level security reads). */
    runWithTenant: <T>(context: TenantWork, fn: () => T) => T
    /** The tenant a custom endpoint acts on (`?tenant=`, else the request's), checked against the caller's roles. */
    endpointTenant: (req: PayloadRequest, options: EndpointTenantOptions) => Promise<string>
    /** The shop's name, currency, time zone and business hours (defaults filled in). */
    shopFacts: (req: PayloadRequest, tenantId: string) => Promise<ShopFacts>
    /** Whether `now` is outside the shop's business hours in its time zone (the inbox's own rule). */
    isOutsideHours: (hours: { start: string; end: string }, timeZone: string, now?: Date) => boolean
    /** Whom a hand-off is emailed to. */
    tenantAdmins: (req: PayloadRequest, tenantId: string) => Promise<Pick<User, 'email'>[]>
    sendShopEmail: (payload: Payload, email: { tenantId: string; to: string; subject: string; heading?: string; paragraphs: string[]; action?: { label: string; url: string } }) => Promise<void>
  }
  quotas: {
    /** Take `units` of the monthly AI limit; throws the host's quota error past it. */
    consume: (req: PayloadRequest, tenantId: string, limit: 'aiRequestsPerMonth', units: number) => Promise<unknown>
    /** Whether an error is the host's "quota used up" refusal. */
    isQuotaExceeded: (error: unknown) => boolean
    /** Throws the host's 403 `feature_not_in_plan` when the shop's plan has no AI. */
    requireFeature: (req: PayloadRequest, tenantId: string, feature: 'ai') => Promise<void>
  }
  jobs: {
    tenantTask: <I extends TenantInput, O extends object>(options: TenantTaskOptions<I, O>) => TaskConfig<{ input: I; output: O | { skipped: string } }>
    withTasks: (config: Config, tasks: AnyTask[]) => Config
    /** Run queued jobs in this process after `afterMs` instead of at the runner's next poll. */
    kickJobs: (payload: Payload, afterMs: number) => void
  }
  http: {
    /** The request's JSON object body ({} when empty), the app's rule: 413 too large, 415 not JSON, 400 `invalid_json` / `invalid_input`. */
    jsonBody: (req: PayloadRequest) => Promise<Record<string, unknown>>
  }
  /** The app's money formatting (minor units, the shop's currency): prices in the prompt read as the shop writes them. */
  formatMoney: (minor: number, currency: string) => string
}
