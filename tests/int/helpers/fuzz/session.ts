import type { Payload } from 'payload'
import type pg from 'pg'

import { rawApi } from '../api'
import { check } from './checks'
import { resolve, type Plan, type Sym } from './plan'
import { replayLine } from './replay'
import type { Concrete } from './requests'
import { changed, rowCounts, type Counts } from './row-counts'
import type { World } from './world'

export type Violation = { run: number; request: Concrete; status: number; code: string | null; detail: string; problems: string[]; logged: string[]; body: string }

/** The first line of what the app logged (an error's message and where it was thrown). */
function describeLogged(args: unknown[]): string {
  const parts: string[] = []
  for (const arg of args) {
    const err = (arg as { err?: unknown } | null)?.err ?? arg
    if (err instanceof Error) {
      const frame = err.stack?.split('\n').find((l) => /^\s+at /.test(l) && !l.includes('node_modules/payload/dist/utilities/') && !l.includes('node:internal'))
      parts.push(
        `${err.name}: ${err.message.split('\n')[0]?.slice(0, 300)}${
          frame
            ? ` (${frame
                .trim()
                .replace(/^at /, '')
                .replace(/.*\/(wt-[^/]+|main)\//, '')
                .slice(0, 160)})`
            : ''
        }`,
      )
    } else if (typeof arg === 'string') parts.push(arg.slice(0, 200))
    else if (arg && typeof arg === 'object' && typeof (arg as { msg?: unknown }).msg === 'string') parts.push(String((arg as { msg: string }).msg).slice(0, 200))
  }
  return parts.join(' | ')
}

/**
 * One fuzz run's state: sends generated requests one at a time, checks each answer and the row
 * counts around it, and keeps the numbers for the summary. What the app logs at error level
 * while a request runs (Payload's logger, console.error) is kept with that request's violation.
 */
export class FuzzSession {
  readonly stats = {
    requests: 0,
    s2xx: 0,
    s3xx: 0,
    s4xx: new Map<string, number>(),
    s5xx: new Map<string, number>(),
    byTarget: new Map<string, number>(),
    slow: [] as { ms: number; target: string; status: number }[],
  }
  readonly violations: Violation[] = []
  private logged: string[] = []
  private counts: Counts = {}
  private restore: (() => void)[] = []
  run = 0
  countMs = 0

  constructor(
    private readonly payload: Payload,
    private readonly plan: Plan,
    private readonly world: World,
    private readonly pool: pg.Pool,
    private readonly countSql: string,
  ) {}

  async start(): Promise<Counts> {
    const logger = this.payload.logger as unknown as Record<string, (...args: unknown[]) => unknown>
    for (const level of ['error', 'fatal'] as const) {
      const original = logger[level]
      logger[level] = (...args: unknown[]) => {
        this.logged.push(describeLogged(args))
        return original.apply(this.payload.logger, args)
      }
      this.restore.push(() => (logger[level] = original))
    }
    const consoleError = console.error
    console.error = (...args: unknown[]) => {
      this.logged.push(describeLogged(args))
      consoleError(...args)
    }
    this.restore.push(() => (console.error = consoleError))
    this.counts = await rowCounts(this.pool, this.countSql)
    return this.counts
  }

  stop() {
    for (const undo of this.restore.reverse()) undo()
    this.restore = []
  }

  /** Send one generated request; its violation (or null). */
  async send(sym: Sym): Promise<Violation | null> {
    const request = resolve(sym, this.plan, this.world)
    this.logged = []
    let status: number
    let text: string
    const t0 = performance.now()
    try {
      const response = await rawApi(request.method, request.path, { headers: request.headers, body: request.body })
      status = response.status
      text = response.text
    } catch (error) {
      // The route handler itself threw: Next.js would answer an empty 500.
      status = 500
      text = ''
      this.logged.push(describeLogged([error]))
    }
    const ms = performance.now() - t0
    this.stats.slow.push({ ms, target: `${request.target} [${request.caller}]`, status })
    const { outcome, problems } = check(request, status, text)
    const c0 = performance.now()
    const after = await rowCounts(this.pool, this.countSql)
    this.countMs += performance.now() - c0
    const stored = changed(this.counts, after)
    if (stored.length > 0) problems.push(`stored rows (${stored.join(', ')})`)
    this.counts = after

    this.stats.requests++
    this.stats.byTarget.set(request.target, (this.stats.byTarget.get(request.target) ?? 0) + 1)
    if (status < 300) this.stats.s2xx++
    else if (status < 400) this.stats.s3xx++
    else if (status < 500) this.stats.s4xx.set(`${status} ${outcome.code ?? '?'}`, (this.stats.s4xx.get(`${status} ${outcome.code ?? '?'}`) ?? 0) + 1)
    else this.stats.s5xx.set(`${status} ${outcome.code ?? '?'}`, (this.stats.s5xx.get(`${status} ${outcome.code ?? '?'}`) ?? 0) + 1)
    if (problems.length === 0) return null
    return { run: this.run, request, status, code: outcome.code, detail: outcome.detail, problems, logged: [...new Set(this.logged)], body: text.slice(0, 400) }
  }

  /** How many of the config's routes (or of those the app added) got at least one request. */
  private covered(customOnly: boolean): number {
    return this.plan.targets.filter((t) => (!customOnly || !t.builtin) && this.stats.byTarget.has(t.name)).length
  }

  /** The slowest requests (to keep the run within its time budget). */
  slowest(n = 10): string {
    const total = this.stats.slow.reduce((a, b) => a + b.ms, 0)
    const sorted = this.stats.slow.map((s) => s.ms).sort((a, b) => a - b)
    const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))]?.toFixed(0)
    const byCaller = new Map<string, number[]>()
    for (const s of this.stats.slow) {
      const c = s.target.replace(/.*\[/, '[')
      byCaller.set(c, [...(byCaller.get(c) ?? []), s.ms])
    }
    const callers = [...byCaller.entries()].map(([c, l]) => `${c} ${(l.reduce((a, b) => a + b, 0) / l.length).toFixed(0)}ms`).join(' ')
    return `request time ${(total / 1000).toFixed(1)}s in all, row counts ${(this.countMs / 1000).toFixed(1)}s (p50 ${q(0.5)}ms, p90 ${q(0.9)}ms; mean by caller ${callers}); slowest: ${[...this.stats.slow]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, n)
      .map((s) => `${s.target} ${s.status} ${s.ms.toFixed(0)}ms`)
      .join(', ')}`
  }

  summary(seed: number, seconds: number): string {
    const list = (m: Map<string, number>) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k}×${n}`)
        .join(', ')
    const n4 = [...this.stats.s4xx.values()].reduce((a, b) => a + b, 0)
    const n5 = [...this.stats.s5xx.values()].reduce((a, b) => a + b, 0)
    return `fuzz seed=${seed} requests=${this.stats.requests} 2xx=${this.stats.s2xx} 3xx=${this.stats.s3xx} 4xx=${n4} [${list(this.stats.s4xx)}] 5xx=${n5} [${list(this.stats.s5xx)}] violations=${this.violations.length} routes=${this.covered(false)}/${this.plan.targets.length} (added by the app ${this.covered(true)}/${this.plan.targets.filter((t) => !t.builtin).length}) time=${seconds.toFixed(1)}s`
  }
}

/** Violations grouped by cause: what was wrong, where, and the first thing the app logged. */
export function groupViolations(violations: Violation[]): { key: string; count: number; examples: Violation[] }[] {
  const normalise = (s: string) =>
    s
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
      .replace(/"[^"]*"/g, '"…"')
      .replace(/\d+/g, 'N')
      .slice(0, 160)
  const groups = new Map<string, { key: string; count: number; examples: Violation[] }>()
  for (const v of violations) {
    // The route's shape, with the collection as a placeholder: one cause of every collection is one group.
    const route = v.request.kind === 'graphql' ? `graphql ${v.request.write ? 'mutation' : 'query'}` : v.request.shape
    const cause = v.status >= 500 ? (v.logged[0] ?? v.detail) : ''
    const key = `${route} → ${v.status} ${v.code ?? ''} :: ${v.problems.map((p) => (p.startsWith('stored') ? 'stored rows' : normalise(p))).join('; ')}${cause ? ` :: ${normalise(cause)}` : ''}`
    const group = groups.get(key) ?? { key, count: 0, examples: [] }
    group.count++
    if (group.examples.length < 2) group.examples.push(v)
    groups.set(key, group)
  }
  return [...groups.values()].sort((a, b) => b.count - a.count)
}

export const describeViolation = (v: Violation, seed: number) =>
  [
    `  run ${v.run} (replay: FUZZ_SEED=${seed} FUZZ_PATH=${v.run} npx vitest run tests/int/fuzz.test.ts)`,
    `    ${replayLine(v.request)}`,
    `    → ${v.status} ${v.body.replace(/\s+/g, ' ').slice(0, 300)}`,
    `    problems: ${v.problems.join('; ')}`,
    ...v.logged.slice(0, 3).map((l) => `    logged: ${l}`),
  ].join('\n')
