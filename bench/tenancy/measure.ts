import { performance } from 'node:perf_hooks'
import type pg from 'pg'

import { recordStatements } from '../quota/statements'
import { mean, median, percentile } from '../rls/seed'

/** One way to make a call (a mode, a database, raw SQL, another user): `prepare` runs untimed, then `run` is timed. */
export type Variant<C, A = unknown> = { name: string; prepare?: () => void; run: (call: C) => Promise<A> }
export type Workload<C, V extends Variant<C> = Variant<C>> = { name: string; variants: V[] }
/** Per workload and variant, one time per call, in call order (so calls pair up across variants). */
export type Samples = Record<string, Record<string, number[]>>

/**
 * A warm-up round, then `rounds` measured ones of `requests` calls. Each call runs in every
 * variant of every workload back to back, the order of the variants rotating from call to call,
 * so drift (GC, autovacuum, a noisy neighbour) hits all variants alike.
 */
export async function interleave<C>(workloads: Workload<C, Variant<C>>[], rounds: number, requests: number, nextCall: () => C, start = 0): Promise<Samples> {
  const samples: Samples = Object.fromEntries(workloads.map((w) => [w.name, Object.fromEntries(w.variants.map((v) => [v.name, [] as number[]]))]))
  let turn = start
  for (let round = -1; round < rounds; round++) {
    for (let i = 0; i < requests; i++) {
      const call = nextCall()
      for (const { name, variants } of workloads) {
        turn++
        for (let k = 0; k < variants.length; k++) {
          const variant = variants[(k + turn) % variants.length]
          variant.prepare?.()
          const t = performance.now()
          await variant.run(call)
          if (round >= 0) samples[name][variant.name].push(performance.now() - t)
        }
      }
    }
  }
  return samples
}

/**
 * What one call of `fn` costs in round trips: the checkouts (`acquire` events) each pool hands
 * out, and the statements sent, of which the tenant-context ones (src/db/rls: one per checkout
 * of a connection that does not hold the caller's context yet, one per transaction).
 */
export async function probeCall(pools: readonly { label: string; pool: pg.Pool }[], fn: () => Promise<unknown>): Promise<{ checkouts: string; statements: string; texts: string[] }> {
  const counts = pools.map(() => 0)
  const counters = pools.map((_, i) => () => void counts[i]++)
  pools.forEach(({ pool }, i) => pool.on('acquire', counters[i]))
  const recording = recordStatements()
  try {
    await fn()
  } finally {
    recording.stop()
    pools.forEach(({ pool }, i) => pool.off('acquire', counters[i]))
  }
  const total = counts.reduce((a, b) => a + b, 0)
  const context = recording.texts.filter((text) => text.includes("set_config('app.tenant_ids'")).length
  return {
    checkouts: pools.length > 1 ? `${total} (${pools.map(({ label }, i) => `${label} ${counts[i]}`).join(', ')})` : String(total),
    statements: `${recording.texts.length} (${context} context)`,
    texts: recording.texts,
  }
}

const f = (x: number, digits = 2) => x.toFixed(digits)

/** `median  mean  p90` of one variant's times, in ms. */
export const timesOf = (xs: readonly number[]): string => [median(xs), mean(xs), percentile(xs, 90)].map((x) => f(x, 2).padStart(8)).join(' ')

/**
 * `a ÷ b`: the ratio of the medians, against a target, with the ratio of the means and the
 * median of the per-call ratios (least affected by drift) beside it, and the difference in ms.
 */
export function ratio(a: readonly number[], b: readonly number[], target: number): { value: number; text: string } {
  const value = median(a) / median(b)
  const paired = median(a.map((x, i) => x / b[i]))
  const verdict = value <= target ? 'met' : 'NOT met'
  return {
    value,
    text: `${f(value, 3)} (target <= ${target}: ${verdict}; mean ${f(mean(a) / mean(b), 3)}, paired ${f(paired, 3)}; ${f(median(a), 2)} vs ${f(median(b), 2)} ms, ${median(a) >= median(b) ? '+' : ''}${f(median(a) - median(b), 2)} ms)`,
  }
}
