import type { Payload } from 'payload'
import type { Pool } from 'pg'

import { refusalCounts, type RefusalCount } from '../ratelimit/count-refusal'
import { runAsSystem } from '../tenancy/request-context'
import { backstopStatus, type BackstopStatus } from './backstop'
import { lastRuns, type CheckRun } from './runs'
import { jobQueues, webhookLag, type JobKind, type WebhookLag } from './queues'

export type PlatformHealth = {
  status: 'ok' | 'failing'
  checkedAt: string
  backstop: BackstopStatus
  canary: CheckRun | null
  selfcheck: CheckRun | null
  jobs: JobKind[]
  webhooks: WebhookLag[]
  rateLimitRefusals: (RefusalCount & { slug: null | string })[]
}

/**
 * Everything the platform health page shows, computed now. Only for the super-admin (the caller
 * checks): it reads every tenant's queue and events as the platform (recorded like any bypass).
 * `failing` when the backstop, the canary's or the self-check's last run is.
 */
export async function platformHealth(payload: Payload): Promise<PlatformHealth> {
  const pool = (payload.db as unknown as { pool: Pool }).pool
  const backstop = await backstopStatus(pool)
  // The refusals' store (Redis, or the rate limiter's pool) being away must not hide the rest of the page.
  const counted = refusalCounts().catch((err: unknown) => (payload.logger.warn({ err }, 'platform health: could not read the rate-limit refusals'), []))
  const [runs, jobs, webhooks, refusals] = await runAsSystem('platform health page', () => Promise.all([lastRuns(pool), jobQueues(pool), webhookLag(pool), counted]))
  const ids = [...new Set(refusals.map((r) => r.tenant).filter((id): id is string => id !== null))]
  const { rows: slugs } = ids.length
    ? await runAsSystem('platform health page', () => pool.query<{ id: string; slug: string }>('select id::text, slug from tenants where id::text = any ($1::text[])', [ids]))
    : { rows: [] }
  const slugOf = new Map(slugs.map((row) => [row.id, row.slug]))
  const canary = runs.canary ?? null
  const selfcheck = runs.selfcheck ?? null
  const failing = backstop.status !== 'ok' || canary?.status === 'failing' || selfcheck?.status === 'failing'
  return {
    status: failing ? 'failing' : 'ok',
    checkedAt: new Date().toISOString(),
    backstop,
    canary,
    selfcheck,
    jobs,
    webhooks,
    rateLimitRefusals: refusals.map((r) => ({ ...r, slug: r.tenant ? (slugOf.get(r.tenant) ?? null) : null })),
  }
}
