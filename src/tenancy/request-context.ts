import { AsyncLocalStorage } from 'node:async_hooks'

import { recordBypass } from '../db/rls/bypass'
import { bypassContext, tenantsContext, type DbContext } from '../db/rls/context'
import { processGlobal } from '../runtime/process-global'

/** How the tenant of a request was found (see resolve-tenant.ts for the order). */
export type TenantVia = 'api-key' | 'header' | 'host' | 'user'

/**
 * The tenant a piece of work runs for. Plain, serialisable data only: it is what a job carries
 * in its input, and what the database layer hands to PostgreSQL's row-level security
 * (src/db/rls, src/tenancy/db-context.ts).
 */
export type TenantContext = Readonly<{
  tenantId: string
  via: TenantVia | 'job' | 'system'
  userId?: string
  apiKeyId?: string
}>

/**
 * The store is a mutable slot rather than the context itself: an HTTP request opens an empty
 * slot when it arrives (runInRequestScope) and its tenant resolution, which happens later and
 * deeper (inside Payload's operations), fills it. Payload offers hooks but no way to wrap an
 * operation in a callback, and `AsyncLocalStorage#enterWith` from inside an async hook leaks
 * into the caller and sibling requests, so it is deliberately not used.
 */
type TenantScope = { tenant?: TenantContext; db?: DbContext }

const storage = processGlobal('tenancy.request-scope', () => new AsyncLocalStorage<TenantScope>())

/**
 * Run `fn` (and everything it awaits or schedules) for one tenant: jobs, scripts and custom
 * endpoints. Nested calls replace the tenant for their own callback only.
 */
export function runWithTenant<T>(context: TenantContext, fn: () => T): T {
  return storage.run({ tenant: Object.freeze({ ...context }), db: tenantsContext([context.tenantId]) }, fn)
}

/**
 * Run `fn` as the platform itself: the database shows it every tenant's rows (row-level
 * security's bypass). For migrations, the demo seed, lookups that find the tenant (an API key
 * by its hash) — never for work done on behalf of a caller. `reason` is recorded.
 */
export function runAsSystem<T>(reason: string, fn: () => T): T {
  recordBypass({ reason, kind: 'system' })
  return storage.run({ db: bypassContext(`system: ${reason}`) }, fn)
}

/**
 * Run `fn` with only one person's own account rows visible (their user row, memberships,
 * sessions and the tenants they belong to): how a verified session token finds its user before
 * anyone is signed in (collections/Users/auth-strategy.ts). No tenant's documents.
 */
export function runAsAccountLookup<T>(userId: string, fn: () => T): T {
  return storage.run({ db: tenantsContext([], userId) }, fn)
}

/** @internal db-context.ts: the database context chosen explicitly by runWithTenant/runAsSystem. */
export const explicitDbContext = (): DbContext | undefined => storage.getStore()?.db

/**
 * Open an empty scope for one incoming HTTP request; the request's tenant resolution fills it
 * (see request-tenant.ts). Wrap the Next.js route handlers with `withTenantScope`.
 */
export function runInRequestScope<T>(fn: () => T): T {
  return storage.run({}, fn)
}

/** `export const GET = withTenantScope(REST_GET(config))` — a request scope per call. */
export const withTenantScope =
  <A extends unknown[], R>(handler: (...args: A) => R) =>
  (...args: A): R =>
    runInRequestScope(() => handler(...args))

/**
 * The tenant the current work runs for, or `undefined` when none was resolved. Hooks pass their
 * `req`: its resolved tenant (`req.context.tenancy`) is authoritative for that request; without
 * one, the async call chain's scope is used (jobs, scripts, wrapped route handlers).
 * Readers must fail closed on `undefined` (the RLS layer maps it to "no rows").
 */
export function currentTenant(req?: { context?: unknown } | null): TenantContext | undefined {
  const fromRequest = (req?.context as { tenancy?: TenantContext } | undefined)?.tenancy
  return fromRequest ?? storage.getStore()?.tenant
}

/** Like currentTenant(), for code that must never run without a tenant (jobs, RLS writes). */
export function requireTenant(req?: { context?: unknown } | null): TenantContext {
  const tenant = currentTenant(req)
  if (!tenant) throw new Error('No tenant in the request context: wrap this work in runWithTenant().')
  return tenant
}

/** @internal request-tenant.ts: record a request's resolved tenant in its still-empty scope. */
export function fillRequestScope(context: TenantContext): void {
  const scope = storage.getStore()
  if (scope && !scope.tenant) scope.tenant = context
}

/**
 * @internal db-context.ts: give the rest of this HTTP request's work (including Payload's own
 * calls that pass no `req`, such as counting a failed sign-in) a database context. Only an
 * empty request scope is filled, so explicit runWithTenant/runAsSystem scopes are never changed.
 */
export function fillRequestScopeDb(context: DbContext): void {
  const scope = storage.getStore()
  if (scope && !scope.db && !scope.tenant) scope.db = context
}
