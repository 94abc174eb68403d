import type { Tenant } from '../../payload-types'
import { invalidate, onInvalidate } from '../cache/invalidation'
import { processGlobal } from '../runtime/process-global'

/**
 * Tenant rows by id, and which id a domain or slug names, kept per process for a few seconds:
 * every request of a shop resolves it (host, header, the admin's selected tenant) and checks it
 * is usable, and these rows change rarely. Changes through Payload forget the tenant at once
 * (collections/Tenants.ts: afterChange/afterDelete → forgetTenant), and for a short while after
 * a change nothing of that tenant is cached, so a read racing the change's still-uncommitted
 * transaction does not keep the old row. With REDIS_URL the change is published
 * (src/cache/invalidation.ts) and every other instance forgets the tenant the same way within
 * milliseconds; without Redis (one instance) or while Redis is away, other instances see it
 * within the TTL, `TENANT_CACHE_TTL_MS` (default 5 s). What the cache
 * decides is re-checked by the database: row-level security still holds the request to the
 * tenant ids of its context.
 */
const TTL_MS = () => Number(process.env.TENANT_CACHE_TTL_MS ?? 5_000)
const QUIET_MS = 2_000

type Entry<T> = { value: T; until: number }
type Status = Pick<Tenant, 'status' | 'deletedAt'>
type State = { rows: Map<string, Entry<Tenant>>; statuses: Map<string, Entry<Status>>; keys: Map<string, Entry<string>>; quiet: Map<string, number> }

const state = processGlobal('tenancy.tenant-cache', (): State => ({ rows: new Map(), statuses: new Map(), keys: new Map(), quiet: new Map() }))

const fresh = <T>(entry: Entry<T> | undefined): T | undefined => (entry && entry.until > Date.now() ? entry.value : undefined)

const isQuiet = (id: string) => (state.quiet.get(id) ?? 0) > Date.now()

/** A cached tenant row, if fresh. */
export const cachedTenant = (id: string): Tenant | undefined => fresh(state.rows.get(id))

/** A tenant's status and deletion, if fresh: from its cached row or a status-only read. */
export const cachedStatus = (id: string): Status | undefined => fresh(state.rows.get(id)) ?? fresh(state.statuses.get(id))

/** Remember a tenant's status just read (usable-tenants.ts), unless it changed a moment ago. */
export function rememberStatus(id: string, status: Status): void {
  if (TTL_MS() <= 0 || isQuiet(id)) return
  state.statuses.set(id, { value: { status: status.status, deletedAt: status.deletedAt ?? null }, until: Date.now() + TTL_MS() })
  if (state.statuses.size > 10_000) state.statuses.delete(state.statuses.keys().next().value!)
}

/** The tenant id a lookup key (`domain:…`, `slug:…`) named, if fresh. */
export const cachedTenantKey = (key: string): string | undefined => fresh(state.keys.get(key))

/** Remember a tenant row just read (and the keys that found it), unless it changed a moment ago. */
export function rememberTenant(tenant: Tenant, key?: string): void {
  const id = String(tenant.id)
  if (TTL_MS() <= 0 || isQuiet(id)) return
  const until = Date.now() + TTL_MS()
  state.rows.set(id, { value: tenant, until })
  if (key) state.keys.set(key, { value: id, until })
  if (state.rows.size > 10_000) state.rows.delete(state.rows.keys().next().value!)
  if (state.keys.size > 10_000) state.keys.delete(state.keys.keys().next().value!)
}

function forgetHere(id: string): void {
  state.rows.delete(id)
  state.statuses.delete(id)
  for (const [key, entry] of state.keys) if (entry.value === id) state.keys.delete(key)
  state.quiet.set(id, Date.now() + QUIET_MS)
  for (const [other, until] of state.quiet) if (until <= Date.now()) state.quiet.delete(other)
}

function forgetAllHere(): void {
  state.rows.clear()
  state.statuses.clear()
  state.keys.clear()
}

const TOPIC = 'tenant'
onInvalidate(TOPIC, (id) => (id === null ? forgetAllHere() : forgetHere(id)))

/** Forget a tenant (it changed) on every instance: its row, every key naming it, and cache nothing of it briefly. */
export const forgetTenant = (id: string): void => invalidate(TOPIC, id)

/** Forget every tenant (tests that change tenants behind Payload's back, with SQL). */
export const forgetAllTenants = (): void => invalidate(TOPIC, null)
