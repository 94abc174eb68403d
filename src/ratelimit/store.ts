import pg from 'pg'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterStoreAbstract } from 'rate-limiter-flexible'

import { redisCommands, redisUrl, sharedKey, whenReady } from '../cache/redis'
import { guardPoolClients, connectTimeoutMillis } from '../db/watch-pool'
import { processGlobal } from '../runtime/process-global'
import type { Policy } from './policies'

/** The table migration 20261201_210000_rate_limits creates (the columns RateLimiterPostgres reads). */
export const RATE_LIMIT_TABLE = 'rate_limits'

type Limiter = RateLimiterAbstract | RateLimiterStoreAbstract

const state = processGlobal('ratelimit.store', () => ({
  pool: undefined as pg.Pool | undefined,
  limiters: new Map<string, Promise<Limiter>>(),
}))

/**
 * A small pool of its own (RATE_LIMIT_POOL_MAX, default 4) on DATABASE_URL: a limiter's upsert
 * is one short statement outside any transaction, so it must never wait behind Payload's
 * transactions for a connection, nor take one from them. `rate_limits` has no tenant column and
 * no row-level security, so the tenant context Payload's pool sets would not matter anyway.
 */
export function pool(): pg.Pool {
  if (!state.pool) {
    const connectionString = process.env.DATABASE_URL
    if (!connectionString) throw new Error('Rate limits need DATABASE_URL (or REDIS_URL)')
    state.pool = guardPoolClients(
      new pg.Pool({ connectionString, max: Number(process.env.RATE_LIMIT_POOL_MAX ?? 4), idleTimeoutMillis: 10_000, allowExitOnIdle: true, connectionTimeoutMillis: connectTimeoutMillis() }),
    )
    // A connection lost while idle must not crash the process; the next query reconnects.
    state.pool.on('error', (err) => console.warn(`rate-limit pool: ${err.message}`))
    // One sweep per process (instead of one timer per limiter): rows an hour past their window.
    const sweep = setInterval(() => {
      state.pool?.query(`delete from ${RATE_LIMIT_TABLE} where expire < $1`, [Date.now() - 3_600_000]).catch(() => undefined)
    }, 5 * 60_000)
    sweep.unref()
  }
  return state.pool
}

async function create(policy: Policy): Promise<Limiter> {
  const base = { keyPrefix: policy.name, points: policy.points, duration: policy.seconds }
  // Refused keys are refused from memory until their window ends: a flood costs no round trips.
  const inMemoryBlockOnConsumed = policy.points + 1
  // If the store fails, this process limits on its own (per instance) rather than not at all.
  const insuranceLimiter = new RateLimiterMemory(base)
  const redis = redisCommands()
  if (redis) {
    // The process's first limiter waits for the connection to open (once, up to 2 s): with
    // rejectIfRedisNotReady a limiter made earlier would count a new instance's first requests
    // in memory only, past the shared limit.
    await whenReady(redis, 2_000).catch(() => undefined)
    // Keys `emerkater:rl:<policy>:<key>` (the key of a shop's policy is `t:<tenant>:…`: enforce.ts).
    return new RateLimiterRedis({ ...base, keyPrefix: sharedKey('rl', null, policy.name), storeClient: redis, inMemoryBlockOnConsumed, insuranceLimiter, rejectIfRedisNotReady: true })
  }
  return new RateLimiterPostgres({
    ...base,
    storeClient: pool(),
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    // The runtime role cannot run DDL: the table comes from a migration.
    tableCreated: true,
    // Expired rows are swept by pool() above, once per process.
    clearExpiredByTimeout: false,
    inMemoryBlockOnConsumed,
    insuranceLimiter,
  })
}

/** The limiter for a policy (one per name, points and window, per process). */
export function limiterFor(policy: Policy): Promise<Limiter> {
  const id = `${redisUrl() ? 'redis' : 'pg'}:${policy.name}:${policy.points}:${policy.seconds}`
  let limiter = state.limiters.get(id)
  if (!limiter) {
    limiter = create(policy)
    limiter.catch(() => state.limiters.delete(id))
    state.limiters.set(id, limiter)
  }
  return limiter
}
