import { AsyncLocalStorage } from 'node:async_hooks'
import { processGlobal } from '../../runtime/process-global'
import { UUID } from '../../validation/uuid'

/**
 * What the database is told about the work running on a connection (see migrations'
 * row-level-security policies): the tenants whose rows it may see and write, or a bypass for
 * super-admin and system work. Nothing → no rows, and writes are rejected (fail closed).
 */
export type DbContext = Readonly<{ tenantIds: readonly string[]; bypass?: string; userId?: string; managedUserIds?: readonly string[] }>

/** No tenant: the policies show no row and accept no write. */
export const NO_TENANT: DbContext = Object.freeze({ tenantIds: Object.freeze([]) })

/**
 * Only tenants, and the signed-in person whose own account rows (user, memberships, sessions,
 * preferences) are visible too; ids that are not UUIDs are dropped (they could never match a row).
 */
export const tenantsContext = (tenantIds: readonly string[], userId?: string, managedUserIds: readonly string[] = []): DbContext => {
  const managed = uuids(managedUserIds)
  return Object.freeze({
    tenantIds: uuids(tenantIds),
    ...(userId && UUID.test(userId) ? { userId: userId.toLowerCase() } : {}),
    ...(managed.length ? { managedUserIds: managed } : {}),
  })
}

const uuids = (ids: readonly string[]): readonly string[] => Object.freeze([...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))].sort())

/** Every row, for the super-admin and system work; `reason` is what gets recorded. */
export const bypassContext = (reason: string): DbContext => Object.freeze({ tenantIds: Object.freeze([]), bypass: reason })

/**
 * The three settings the policies read, as `set_config` values: `app.tenant_ids` is a uuid[]
 * literal (`{}` for none), `app.bypass_rls` is `on` or `off` (it counts only for a platform
 * role, see src/db/roles.ts), `app.user_id` the signed-in person's id or empty.
 */
export function settingsOf(context: DbContext): { tenantIds: string; bypass: 'off' | 'on'; userId: string; managedUserIds: string } {
  const on = Boolean(context.bypass)
  return {
    tenantIds: `{${on ? '' : context.tenantIds.join(',')}}`,
    bypass: on ? 'on' : 'off',
    userId: on ? '' : (context.userId ?? ''),
    managedUserIds: `{${on ? '' : (context.managedUserIds ?? []).join(',')}}`,
  }
}

/** A key that is equal for two contexts exactly when their settings are. */
export const contextKey = (context: DbContext): string => {
  const { tenantIds, bypass, userId, managedUserIds } = settingsOf(context)
  return `${bypass} ${tenantIds} ${userId} ${managedUserIds}`
}

/** The settings as SET_CONTEXT_SQL's parameters. */
export const contextParams = (context: DbContext): string[] => {
  const { tenantIds, bypass, userId, managedUserIds } = settingsOf(context)
  return [tenantIds, bypass, userId, managedUserIds]
}

/** One statement that replaces the four settings, for the session (`local = false`) or the transaction. */
export const SET_CONTEXT_SQL = (local: boolean) =>
  `select set_config('app.tenant_ids', $1, ${local}), set_config('app.bypass_rls', $2, ${local}), set_config('app.user_id', $3, ${local}), set_config('app.managed_user_ids', $4, ${local})`

/**
 * The context of the database call in progress. The adapter wrapper (adapter.ts) sets it for
 * each Payload database call from that call's `req`; the pool (pool.ts) reads it at checkout.
 */
const storage = processGlobal('rls.db-context', () => new AsyncLocalStorage<DbContext>())

export const runWithDbContext = <T>(context: DbContext, fn: () => T): T => storage.run(context, fn)

export const activeDbContext = (): DbContext | undefined => storage.getStore()
