import { performance } from 'node:perf_hooks'

import { percentile } from '../rls/seed'

/** One kind of request of the mixed workload, picked with probability `weight / Σ weights`. */
export type Operation = { name: string; weight: number; send: (baseUrl: string) => Promise<Response> }

export type Sample = { op: string; ms: number; status: number }

export type Result = { samples: Sample[]; seconds: number; perSecond: number; p50: number; p99: number; errors: number; byOp: Record<string, { count: number; p99: number }> }

function picker(operations: Operation[], random: () => number): () => Operation {
  const total = operations.reduce((sum, op) => sum + op.weight, 0)
  return () => {
    let at = random() * total
    for (const op of operations) if ((at -= op.weight) < 0) return op
    return operations[operations.length - 1]
  }
}

async function timed(op: Operation, baseUrl: string): Promise<Sample> {
  const t0 = performance.now()
  try {
    const res = await op.send(baseUrl)
    await res.arrayBuffer()
    return { op: op.name, ms: performance.now() - t0, status: res.status }
  } catch {
    return { op: op.name, ms: performance.now() - t0, status: 0 }
  }
}

function summarise(samples: Sample[], seconds: number): Result {
  const ms = samples.map((s) => s.ms)
  const byOp: Result['byOp'] = {}
  for (const name of new Set(samples.map((s) => s.op))) {
    const mine = samples.filter((s) => s.op === name).map((s) => s.ms)
    byOp[name] = { count: mine.length, p99: percentile(mine, 99) }
  }
  // A refused or failed request is not throughput.
  const ok = samples.filter((s) => s.status >= 200 && s.status < 300).length
  return { samples, seconds, perSecond: ok / seconds, p50: percentile(ms, 50), p99: percentile(ms, 99), errors: samples.length - ok, byOp }
}

/** Closed loop: `concurrency` clients, each sending its next request when the last answered, for `seconds`. */
export async function saturate(baseUrl: string, operations: Operation[], { concurrency, seconds, random }: { concurrency: number; seconds: number; random: () => number }): Promise<Result> {
  const pick = picker(operations, random)
  const samples: Sample[] = []
  const end = performance.now() + seconds * 1000
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) samples.push(await timed(pick(), baseUrl))
    }),
  )
  return summarise(samples, (performance.now() - t0) / 1000)
}

/**
 * Open loop at a fixed rate: a request every `1000 / perSecond` ms whether or not earlier ones
 * answered (as independent users do), so a slow server shows as latency, not as fewer requests.
 */
export async function atRate(baseUrl: string, operations: Operation[], { perSecond, seconds, random }: { perSecond: number; seconds: number; random: () => number }): Promise<Result> {
  const pick = picker(operations, random)
  const pending: Promise<Sample>[] = []
  const t0 = performance.now()
  const count = Math.round(perSecond * seconds)
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / perSecond
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    pending.push(timed(pick(), baseUrl))
  }
  const samples = await Promise.all(pending)
  return summarise(samples, (performance.now() - t0) / 1000)
}
