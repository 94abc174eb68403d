import { performance } from 'node:perf_hooks'

import { percentile } from '../rls/seed'

/** One measured workload: how many units (events, requests, orders) in how many seconds, and each call's latency. */
export type Result = { name: string; units: number; seconds: number; latencies: number[] }

/**
 * Run `count` calls of `call(i)` with `concurrency` in flight (a call starts as soon as one
 * finishes), timing each one and the whole. `call` throws on an answer that is not what the
 * workload expects, which stops the run.
 */
export async function inFlight(name: string, count: number, concurrency: number, call: (i: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++
        const t0 = performance.now()
        await call(i)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  return { name, units: count, seconds: (performance.now() - started) / 1000, latencies }
}

/** Time one piece of work. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now()
  const value = await work()
  return { value, seconds: (performance.now() - t0) / 1000 }
}

export const rate = (r: { units: number; seconds: number }) => r.units / r.seconds
export const f = (x: number, digits = 2) => x.toFixed(digits)

/** `name  units/s  p50  p99  max` for a table of workloads. */
export function row(r: Result, unit = 'events/s'): string {
  const sorted = [...r.latencies].sort((x, y) => x - y)
  const cells = [f(rate(r), 0), f(percentile(sorted, 50), 1), f(percentile(sorted, 99), 1), f(sorted.at(-1) ?? 0, 1)]
  return `${r.name.padEnd(44)}${`${cells[0]} ${unit}`.padStart(18)}${cells
    .slice(1)
    .map((c) => c.padStart(9))
    .join('')}`
}

export const header = () => `${'workload'.padEnd(44)}${'throughput'.padStart(18)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}`

/** Rounds of one workload as one: units and seconds summed, latencies pooled. */
export const merge = (name: string, parts: Result[]): Result => ({
  name,
  units: parts.reduce((s, p) => s + p.units, 0),
  seconds: parts.reduce((s, p) => s + p.seconds, 0),
  latencies: parts.flatMap((p) => p.latencies),
})

/** `a ÷ b` of the sums, with the range of the per-round ratios beside it (how much the rounds drifted). */
export function ratio(a: Result[], b: Result[], digits = 3): string {
  const whole = rate(merge('', a)) / rate(merge('', b))
  const rounds = a.map((x, i) => rate(x) / rate(b[i])).sort((x, y) => x - y)
  return rounds.length > 1 ? `${f(whole, digits)} (rounds ${f(rounds[0], digits)}–${f(rounds.at(-1)!, digits)})` : f(whole, digits)
}
