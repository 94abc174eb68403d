import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type PayloadRequest } from 'payload'

import { invalidate, onInvalidate } from '../cache/invalidation'
import { runSql } from '../db/run-sql'
import { processGlobal } from '../runtime/process-global'
import { runAsSystem } from './request-context'
import { getKeyring } from '../crypto/keyring'
import { tenantKeyOf, type TenantKey } from '../crypto/tenant-keys/tenant-cipher'
import { newDataKey, unwrapDataKey, wrapDataKey } from '../crypto/tenant-keys/wrap-key'

/** Invalidation topic: a tenant's key was re-wrapped or destroyed (id: the tenant; null: all). */
export const TENANT_KEYS_TOPIC = 'tenant-keys'

/** How long an unwrapped key stays in this process (`TENANT_KEY_CACHE_TTL_MS`, default 60 s). */
const TTL_MS = () => Number(process.env.TENANT_KEY_CACHE_TTL_MS ?? 60_000)

type State = { keys: Map<string, { key: TenantKey; until: number }>; loading: Map<string, Promise<TenantKey>>; subscribed: boolean }
const state = processGlobal<State>('crypto.tenant-keys', () => ({ keys: new Map(), loading: new Map(), subscribed: false }))

/** Forget cached keys in this process only (the invalidation bus calls it on every instance). */
export function forgetTenantKey(tenantId: null | string): void {
  if (tenantId === null) state.keys.clear()
  else state.keys.delete(tenantId)
}

function subscribeOnce(): void {
  if (state.subscribed) return
  state.subscribed = true
  onInvalidate(TENANT_KEYS_TOPIC, forgetTenantKey)
}

/** Forget a tenant's key here and on every other instance. */
export const invalidateTenantKey = (tenantId: null | string): void => invalidate(TENANT_KEYS_TOPIC, tenantId)

const selectWrapped = (req: PayloadRequest, tenantId: string) => runSql(req, sql`select wrapped_key from tenant_keys where tenant_id = ${tenantId}::uuid`)

/**
 * Create the tenant's key unless one exists, and read it: outside the caller's transaction, so a
 * key is never lost with a rolled-back write while this process keeps using it, and on the
 * platform role's own pool — the caller holds a request connection already, and requests that
 * fill the request pool while each waits for a second one from it would wait forever. Two
 * instances racing: one insert wins, both read it.
 */
async function createOrRead(req: PayloadRequest, tenantId: string): Promise<string> {
  return runAsSystem(`tenant key of ${tenantId}`, async () => {
    const own = await createLocalReq({}, req.payload)
    const keyring = getKeyring()
    const wrapped = wrapDataKey(newDataKey(), keyring)
    await runSql(own, sql`insert into tenant_keys (tenant_id, wrapped_key, wrapping_key_id) values (${tenantId}::uuid, ${wrapped}, ${keyring.activeKeyId}) on conflict (tenant_id) do nothing`)
    const [row] = await selectWrapped(own, tenantId)
    if (!row) throw new Error(`tenant key of ${tenantId} could not be stored`)
    return String(row.wrapped_key)
  })
}

async function load(req: PayloadRequest, tenantId: string): Promise<TenantKey> {
  // In the caller's context first (no extra connection); a caller whose context cannot see it
  // (a Local API call without a tenant) or a tenant without a key yet goes through createOrRead.
  const [row] = await selectWrapped(req, tenantId)
  const wrapped = row ? String(row.wrapped_key) : await createOrRead(req, tenantId)
  return tenantKeyOf(tenantId, unwrapDataKey(wrapped))
}

/** The tenant's data key, unwrapped: cached per process for TENANT_KEY_CACHE_TTL_MS, created on first use. */
export async function tenantKey(req: PayloadRequest, tenantId: string): Promise<TenantKey> {
  subscribeOnce()
  const cached = state.keys.get(tenantId)
  if (cached && cached.until > Date.now()) return cached.key
  const pending = state.loading.get(tenantId)
  if (pending) return pending
  const loading = load(req, tenantId).finally(() => state.loading.delete(tenantId))
  state.loading.set(tenantId, loading)
  const key = await loading
  if (TTL_MS() > 0) state.keys.set(tenantId, { key, until: Date.now() + TTL_MS() })
  return key
}

/**
 * Crypto-shredding: delete the tenant's wrapped key (and forget it everywhere). Everything
 * encrypted with it — rows, backups, exports of the ciphertext — can no longer be decrypted.
 */
export async function destroyTenantKey(req: PayloadRequest, tenantId: string): Promise<boolean> {
  const rows = await runSql(req, sql`delete from tenant_keys where tenant_id = ${tenantId}::uuid returning 1`)
  invalidateTenantKey(tenantId)
  return rows.length > 0
}
