import type { Config, Payload, PayloadRequest, TaskConfig } from 'payload'

import type { User } from '../../payload-types'

/** What the impersonation plugin writes to the shop's audit log (the host's one audit trail). */
export type ImpersonationAuditEntry = {
  tenant: string
  action: 'impersonation'
  summary: string
  collection?: string
  documentId?: string
}

/** The identities of one request made inside an impersonation session. */
export type RequestIdentities = {
  impersonator: { id: string; email?: string }
  target: { id: string; email?: string }
}

/**
 * The app's pieces the plugin works with (README, "Host pieces"). The plugin imports nothing of
 * the app: access, the platform's own database work, the scope of a request, the shop's
 * tenant-admins and status, the JSON body rule and the audit log come from here.
 */
export type ImpersonationHost = {
  access: { isSuperAdmin: (user: null | Partial<User> | undefined) => boolean }
  tenancy: {
    /** Run `fn` as the platform (row-level security bypassed, recorded): grant lookups by token. */
    runAsSystem: <T>(reason: string, fn: () => T) => T
    /** Run `fn` where the database shows only one person's own account rows: loading the target user. */
    runAsAccountLookup: <T>(userId: string, fn: () => T) => T
    /** The tenants of the request's scope where the caller holds one of `roles` ('all' for the super-admin). */
    tenantsWhere: (req: PayloadRequest, roles: readonly 'tenant-admin'[]) => Promise<'all' | string[]>
    /** The shop's tenant-admins whose account can sign in (not locked). */
    activeTenantAdmins: (req: PayloadRequest, tenantId: string) => Promise<User[]>
  }
  http: { jsonBody: (req: PayloadRequest) => Promise<Record<string, unknown>> }
  /** Append an entry to the shop's audit log in `req`'s transaction (actor: the request's identities). */
  audit: (req: PayloadRequest, entry: ImpersonationAuditEntry) => Promise<void>
  /** Add the plugin's task (with its `schedule`) to the host's one job registry and clock. */
  jobs: { withTasks: (config: Config, tasks: TaskConfig[]) => Config }
  /** Append the entry of one impersonated request, outside any PayloadRequest (from the auth strategy). */
  auditRequest: (payload: Payload, headers: Headers, entry: ImpersonationAuditEntry, who: RequestIdentities) => Promise<void>
}

/** The plugin's own settings (all optional, documented defaults). */
export type ImpersonationSettings = {
  /** @default true — false leaves the config untouched. */
  enabled?: boolean
  /** Minutes a session lasts when the request names none. @default 30 */
  defaultMinutes?: number
  /** The longest session a request may ask for. @default IMPERSONATION_MAX_MINUTES ?? 120 */
  maxMinutes?: number
  /** Hours a request (or an approved grant not yet started) stays valid. @default 24 */
  pendingHours?: number
  /** The auth collection. @default 'users' */
  usersSlug?: string
  /** Shortest reason accepted (characters). @default 10 */
  minReasonLength?: number
  /** When grants past their time are closed (sweep.ts). @default IMPERSONATION_SWEEP_CRON ?? every 5 minutes */
  sweepCron?: string
}

export type ImpersonationPluginOptions = ImpersonationSettings & ImpersonationHost

export type ResolvedImpersonationOptions = Required<ImpersonationSettings> & ImpersonationHost

export function resolveOptions(options: ImpersonationPluginOptions): ResolvedImpersonationOptions {
  const envMax = Number(process.env.IMPERSONATION_MAX_MINUTES)
  const maxMinutes = options.maxMinutes ?? (Number.isInteger(envMax) && envMax > 0 ? envMax : 120)
  return {
    ...options,
    enabled: options.enabled ?? true,
    maxMinutes,
    defaultMinutes: Math.min(options.defaultMinutes ?? 30, maxMinutes),
    pendingHours: options.pendingHours ?? 24,
    usersSlug: options.usersSlug ?? 'users',
    minReasonLength: options.minReasonLength ?? 10,
    sweepCron: options.sweepCron ?? process.env.IMPERSONATION_SWEEP_CRON ?? '*/5 * * * *',
  }
}

export const IMPERSONATION_OPTIONS_KEY = 'impersonation'

/** The options of the running config (kept in `config.custom`, server-side only). */
export function hostOf(req: Pick<PayloadRequest, 'payload'>): ResolvedImpersonationOptions {
  const options = req.payload.config.custom?.[IMPERSONATION_OPTIONS_KEY] as ResolvedImpersonationOptions | undefined
  if (!options) throw new Error('plugins/impersonation: impersonationPlugin(options) is not in this config.')
  return options
}
