import { redisCommands, sharedKey, whenReady } from '../cache/redis'
import { processGlobal } from '../runtime/process-global'
import { pool } from './store'

/**
 * Refused requests, counted per hour, policy and tenant for the platform health page — every
 * refusal, not only the window's first (which the audit log records). Counted in memory and
 * flushed every FLUSH_MS (and before a read) as one increment per key: a flood of refusals,
 * answered from memory, costs no round trip each. The shared store is Redis when REDIS_URL is set
 * (a hash per hour, kept two days), else PostgreSQL (`rate_limit_refusals`, on the rate
 * limiter's own pool), so every instance's refusals add up.
 */
const FLUSH_MS = 5_000
const KEEP_HOURS = 48

type Key = `${string}|${string}|${string}` // hour|policy|tenant

const state = processGlobal('ratelimit.refusals', () => ({ pending: new Map<Key, number>(), timer: undefined as NodeJS.Timeout | undefined }))

const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000).toISOString()

const redisKey = (hour: string) => sharedKey('rl-refusals', null, hour)

/** Count one refusal of `policy` (for `tenant`, or none: a per-IP limit). */
export function countRefusal(policy: string, tenant: null | string, at = new Date()): void {
  const key: Key = `${hourOf(at)}|${policy}|${tenant ?? ''}`
  state.pending.set(key, (state.pending.get(key) ?? 0) + 1)
  state.timer ??= setTimeout(() => void flushRefusals().catch(() => undefined), FLUSH_MS)
  state.timer.unref?.()
}

/** Write the counts held in memory to the shared store; a failed write keeps them for the next flush. */
export async function flushRefusals(): Promise<void> {
  clearTimeout(state.timer)
  state.timer = undefined
  const batch = [...state.pending]
  state.pending.clear()
  if (batch.length === 0) return
  try {
    const redis = redisCommands()
    if (redis) {
      // A new connection (no offline queue: commands fail until it is open) gets up to 2 s.
      await whenReady(redis, 2_000)
      const multi = redis.multi()
      for (const [key, n] of batch) {
        const [hour, policy, tenant] = key.split('|')
        multi.hincrby(redisKey(hour), `${policy}|${tenant}`, n).expire(redisKey(hour), KEEP_HOURS * 3600)
      }
      await multi.exec()
      return
    }
    const rows = batch.map(([key, n]) => [...key.split('|'), n] as [string, string, string, number])
    await pool().query(
      `insert into rate_limit_refusals (hour, policy, tenant, refusals)
       select * from unnest($1::timestamptz[], $2::text[], $3::text[], $4::int[])
       on conflict (hour, policy, tenant) do update set refusals = rate_limit_refusals.refusals + excluded.refusals`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    )
    await pool().query(`delete from rate_limit_refusals where hour < now() - interval '${KEEP_HOURS} hours'`)
  } catch (error) {
    for (const [key, n] of batch) state.pending.set(key, (state.pending.get(key) ?? 0) + n)
    throw error
  }
}

export type RefusalCount = { tenant: null | string; policy: string; refusals: number }

/** Refusals of the last `hours` hours across every instance (this one's flushed first), per tenant and policy. */
export async function refusalCounts(hours = 24): Promise<RefusalCount[]> {
  // What this instance could not write yet is still counted next time; the read goes on.
  await flushRefusals().catch(() => undefined)
  const since = Date.now() - hours * 3_600_000
  const totals = new Map<string, number>()
  const redis = redisCommands()
  if (redis) {
    await whenReady(redis, 2_000)
    for (let at = since; at <= Date.now(); at += 3_600_000) {
      const hash = await redis.hgetall(redisKey(hourOf(new Date(at))))
      for (const [field, n] of Object.entries(hash)) totals.set(field, (totals.get(field) ?? 0) + Number(n))
    }
  } else {
    const { rows } = await pool().query<{ policy: string; tenant: string; n: number }>(`select policy, tenant, sum(refusals)::int as n from rate_limit_refusals where hour >= $1 group by 1, 2`, [
      hourOf(new Date(since)),
    ])
    for (const row of rows) totals.set(`${row.policy}|${row.tenant}`, row.n)
  }
  return [...totals]
    .map(([field, refusals]) => {
      const [policy, tenant] = field.split('|')
      return { tenant: tenant || null, policy: policy, refusals }
    })
    .sort((a, b) => b.refusals - a.refusals)
}
