import { postgresAdapter, type PostgresAdapter } from '@payloadcms/db-postgres'
import { drizzle } from '@payloadcms/db-postgres/drizzle/node-postgres'
import type { Access, Payload } from 'payload'
import pg from 'pg'

import { isAuthenticated } from '../../access/isAuthenticated'
import { PERMISSIONS, rolesAllowed, type Operation, type TenantCollection } from '../../access/permissions'
import { sameTenantRelations, sameTenantRelationsOfTenant } from '../../hooks/sameTenantRelations'
import { activeDbContext } from '../../src/db/rls/context'
import { contextPoolClass } from '../../src/db/rls/pool'
import { dbContextFor } from '../../src/tenancy/db-context'
import { memberships } from '../../src/tenancy/memberships'
import { resolveTenantBeforeOperation } from '../../src/tenancy/resolve-tenant-hook'
import { isQuotaHook } from '../quota/modes'

/**
 * The states of the one Payload instance the bench switches between, call by call. Calls run
 * one at a time, so no operation (and no transaction) is in flight during a switch.
 * - `on`:  the app as built, on the test database with BENCH_TENANTS shops;
 * - `off`: the same database with tenancy off (what `offPieces` lists);
 * - `few`: the app as built, on a second database with BENCH_FEW_TENANTS shops.
 */
export type State = 'on' | 'off' | 'few'

type Drizzle = PostgresAdapter['drizzle']
/** A database as Payload's adapter uses it, and the pools whose checkouts are counted. */
export type Database = { drizzle: Drizzle; pools: { label: string; pool: pg.Pool }[]; end: () => Promise<void> }

type ContextPool = pg.Pool & { platformPool: () => pg.Pool | null }
type AnyFn = (...args: never[]) => unknown
type Hooks = Record<string, AnyFn[] | undefined>

/** A drizzle instance on `pool`, built as @payloadcms/db-postgres's connect() builds its own. */
const drizzleOn = (db: PostgresAdapter, pool: pg.Pool): Drizzle => drizzle({ client: pool, logger: db.logger ?? false, schema: db.schema })

/** The runtime role's context pool (src/db/rls) and its platform pool: what the app counts as its pools. */
const appPools = (pool: pg.Pool) => {
  const platform = (pool as ContextPool).platformPool()
  return [{ label: 'runtime', pool }, ...(platform ? [{ label: 'platform', pool: platform }] : [])]
}

/** The app's own database: Payload's drizzle and pools as it built them. */
export const appDatabase = (db: PostgresAdapter): Database => ({ drizzle: db.drizzle, pools: appPools(db.pool), end: async () => undefined })

/** Another database with the app's own pool class and options (src/db/adapter.ts): runtime role, context, platform pool. */
export function contextDatabase(db: PostgresAdapter, runtimeUrl: string, platformUrl: string): Database {
  const Pool = contextPoolClass({ currentContext: () => activeDbContext() ?? dbContextFor(), platformConnectionString: () => platformUrl })
  const pool = new Pool({ ...db.poolOptions, connectionString: runtimeUrl })
  return { drizzle: drizzleOn(db, pool), pools: appPools(pool), end: () => pool.end() }
}

/** A plain pg.Pool signed in as the owner (a superuser: no policy applies), with Payload's pool options. */
export function ownerDatabase(db: PostgresAdapter, ownerUrl: string): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({ ...db.poolOptions, connectionString: ownerUrl })
  return { pool, drizzle: drizzleOn(db, pool), pools: [{ label: 'owner', pool }], end: () => pool.end() }
}

/** Adapter functions that are per-instance closures, not methods: never swapped. */
const NOT_METHODS = new Set(['init', 'connect', 'createMigration', 'generateSchema', 'resolveInitializing', 'rejectInitializing'])

/** The tenancy hooks that touch the database, by identity (quota hooks carry QUOTA_HOOK). */
const TENANCY_HOOKS = new Map<unknown, string>([
  [resolveTenantBeforeOperation, 'tenant resolution'],
  [sameTenantRelations, 'same-tenant relations'],
  [sameTenantRelationsOfTenant, 'same-tenant relations'],
])
const removedAs = (hook: unknown): string | undefined => TENANCY_HOOKS.get(hook) ?? (isQuotaHook(hook) ? 'quota' : undefined)

/**
 * Off, for a tenant-owned collection: what its access would be in a one-shop app — the role
 * check of the permission matrix — plus the one predicate that picks that shop's rows out of the
 * shared table, `tenant = <the user's shop>`, so both modes read the same rows with the same
 * index. No tenant status lookup, no plugin constraint. Off mode runs with one-shop staff only.
 */
const oneShopAccess =
  (slug: TenantCollection, operation: Operation): Access =>
  ({ req }) => {
    const [membership] = memberships(req.user)
    return membership && rolesAllowed(slug, operation).includes(membership.role) ? { tenant: { equals: membership.tenant } } : false
  }

const OPERATIONS: Operation[] = ['create', 'read', 'update', 'delete']

export type Modes = {
  use: (state: State) => void
  /** Back to the app as built, unchecked (cleanup after a failure). */
  reset: () => void
  /** The pools whose checkouts a call in `state` makes. */
  pools: (state: State) => Database['pools']
  /** What `off` switches off, and what stays on in it (printed with the results). */
  offPieces: string[]
  keptPieces: string[]
}

export function prepareModes(payload: Payload, databases: Record<State, Database>): Modes {
  const db = payload.db as unknown as PostgresAdapter
  const adapter = db as unknown as Record<string, unknown>

  // Payload's own adapter methods, without the backstop's wrappers (per-call tenant context,
  // transactions deferred to their first statement, the any-user probe): a second adapter
  // object built by the same factory, never connected; its methods act on `this`.
  const plain = postgresAdapter({ idType: 'uuid', migrationDir: db.migrationDir, pool: db.poolOptions }).init({ payload }) as unknown as Record<string, unknown>
  const methods = Object.keys(plain).filter((name) => typeof plain[name] === 'function' && typeof adapter[name] === 'function' && plain[name] !== adapter[name] && !NOT_METHODS.has(name))
  const adapterOf = { on: Object.fromEntries(methods.map((name) => [name, adapter[name]])), off: Object.fromEntries(methods.map((name) => [name, plain[name]])) }

  type AccessMap = Record<string, Access | undefined>
  const accessConfig = (slug: string) => (payload.collections as unknown as Record<string, { config: { access: AccessMap; hooks: Hooks } }>)[slug].config
  const accessOf = { on: new Map<string, AccessMap>(), off: new Map<string, AccessMap>() }
  for (const slug of Object.keys(PERMISSIONS) as TenantCollection[]) {
    accessOf.on.set(slug, Object.fromEntries(OPERATIONS.map((op) => [op, accessConfig(slug).access[op]])))
    accessOf.off.set(slug, Object.fromEntries(OPERATIONS.map((op) => [op, oneShopAccess(slug, op)])))
  }
  // Users and tenants: the collections' own read access as written (signed in), without the
  // plugin's membership constraint; only reads of them are on the benched paths.
  for (const slug of ['users', 'tenants']) {
    accessOf.on.set(slug, { read: accessConfig(slug).access.read })
    accessOf.off.set(slug, { read: isAuthenticated })
  }

  const hooksOf = { on: new Map<string, Hooks>(), off: new Map<string, Hooks>() }
  const removed = new Map<string, number>()
  for (const slug of Object.keys(payload.collections)) {
    const hooks = accessConfig(slug).hooks
    for (const [name, list] of Object.entries(hooks)) {
      if (!Array.isArray(list) || !list.some((hook) => removedAs(hook))) continue
      for (const hook of list) {
        const kind = removedAs(hook)
        if (kind) removed.set(kind, (removed.get(kind) ?? 0) + 1)
      }
      hooksOf.on.set(slug, { ...hooksOf.on.get(slug), [name]: list })
      hooksOf.off.set(slug, { ...hooksOf.off.get(slug), [name]: list.filter((hook) => !removedAs(hook)) })
    }
  }

  let tenancy: 'on' | 'off' = 'on'
  const setTenancy = (next: 'on' | 'off') => {
    if (next === tenancy) return
    Object.assign(adapter, adapterOf[next])
    for (const [slug, access] of accessOf[next]) Object.assign(accessConfig(slug).access, access)
    for (const [slug, hooks] of hooksOf[next]) Object.assign(accessConfig(slug).hooks, hooks)
    tenancy = next
  }

  return {
    use: (state) => {
      if (Object.keys(db.sessions).length > 0) throw new Error('a transaction is open while switching modes')
      setTenancy(state === 'off' ? 'off' : 'on')
      db.drizzle = databases[state].drizzle
    },
    reset: () => {
      setTenancy('on')
      db.drizzle = databases.on.drizzle
    },
    pools: (state) => databases[state].pools,
    offPieces: [
      'connection: a plain pg.Pool signed in as the owner, a superuser (no policy applies, no context statement, no platform pool)',
      `database adapter: Payload's own methods (${methods.length} swapped back), without the per-call tenant context, the deferred transactions and the any-user probe (src/db/rls)`,
      `access: tenant-owned collections (${accessOf.off.size - 2}) = the role matrix + "tenant = the user's shop" (no tenant status lookup, no plugin filter); users, tenants read = signed in`,
      `hooks removed: ${[...removed].map(([kind, n]) => `${kind} ×${n}`).join(', ')}`,
    ],
    keptPieces: [
      "the tenant field and its checks on writes (tenantGuard, the plugin's membership check): CPU only, no query",
      "users' memberships array (users_tenants), read with the user",
      'runSql (the audit insert of a create) still says the tenant context once per write transaction (src/db/run-sql.ts)',
    ],
  }
}
