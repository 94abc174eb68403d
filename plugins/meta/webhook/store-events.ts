import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hostOf } from '../options'
import { runSql } from '../run-sql'
import type { RawEvent } from './extract-events'

export const PROCESS_TASK = 'metaProcessEvents'

/** How long a queued job counts as "not started" when another instance may have run it. */
const QUEUED_FOR_MS = 30_000
/** Deliveries stored by one statement at most. */
const MAX_DELIVERIES = 200

export type Stored = { stored: number; duplicates: number; tenants: string[]; unknown: string[] }
type Waiting = { req: PayloadRequest; events: RawEvent[]; resolve: (s: Stored) => void; reject: (e: unknown) => void }

/** Per process (the host's processGlobal): the same state whichever bundle stores a delivery. */
const stateOf = (req: Pick<PayloadRequest, 'payload'>) =>
  hostOf(req).processGlobal('meta.store-events', () => ({
    /** Tenants with a processing job queued by this process that has not started yet. */
    queued: new Map<string, number>(),
    /** Deliveries waiting for the statement in flight to finish. */
    waiting: [] as Waiting[],
    flushing: false,
  }))

/** The processing job started (jobs/process-events.ts): the next delivery queues another. */
export const processingStarted = (req: PayloadRequest, tenantId: string) => stateOf(req).queued.delete(tenantId)

/**
 * Route and store events with `meta_store_events()` (migrations 20261123_meta,
 * 20261201_meta_channel_proof_sql), which gives each event to the tenant owning the *verified*
 * page or number it names (a WABA's: the tenant whose verified number is in it; an unverified
 * claim gets nothing) — the database decides, from the rows row-level security protects — and
 * inserts it once per (tenant, event key), so a
 * redelivery has no second effect. It runs with the bypass on for its own duration only: the
 * webhook needs no tenant context and no general bypass.
 */
async function storeBatch(req: PayloadRequest, batch: Waiting[]): Promise<Stored[]> {
  // Each event is numbered across the batch; `owners[idx]` says whose delivery it came from.
  const owners = batch.flatMap((w, delivery) => w.events.map((event) => ({ delivery, event })))
  const rows = owners.map(({ event: e }, idx) => ({ idx, target: e.target, external_id: e.externalId, kind: e.kind, event_key: e.eventKey, payload: e.payload }))
  const result = rows.length > 0 ? await runSql(req, sql`select idx, tenant_id, stored from meta_store_events(${JSON.stringify(rows)}::jsonb)`) : []
  const outcomes: Stored[] = batch.map(() => ({ stored: 0, duplicates: 0, tenants: [], unknown: [] }))
  for (const row of result) {
    const { delivery, event } = owners[Number(row.idx)]
    const outcome = outcomes[delivery]
    if (row.tenant_id == null) outcome.unknown.push(`${event.target}:${event.externalId}`)
    else if (row.stored) {
      outcome.stored++
      const tenant = typeof row.tenant_id === 'string' ? row.tenant_id : null
      if (tenant && !outcome.tenants.includes(tenant)) outcome.tenants.push(tenant)
    } else outcome.duplicates++
  }
  for (const outcome of outcomes) outcome.unknown = [...new Set(outcome.unknown)]
  return outcomes
}

/** Store what is waiting, one statement at a time; deliveries that arrive meanwhile go in the next. */
async function flush(state: ReturnType<typeof stateOf>): Promise<void> {
  state.flushing = true
  try {
    while (state.waiting.length > 0) {
      const batch = state.waiting.splice(0, MAX_DELIVERIES)
      try {
        const outcomes = await storeBatch(batch[0].req, batch)
        batch.forEach((w, i) => w.resolve(outcomes[i]))
      } catch (error) {
        // One bad delivery must not fail the others: store them one by one.
        if (batch.length === 1) batch[0].reject(error)
        else for (const w of batch) await storeBatch(w.req, [w]).then(([o]) => w.resolve(o), w.reject)
      }
    }
  } finally {
    state.flushing = false
  }
}

/**
 * Store one delivery's events and answer what became of them. Deliveries that arrive while a
 * statement is in flight are stored together by the next one (the database's group commit, done
 * one step earlier): under load one round trip serves many webhooks, alone it adds no wait. Each
 * caller resolves only after its events are committed. Then a `metaProcessEvents` job is queued
 * for each tenant that got new events — unless this process queued one that has not started yet
 * (it will see these rows) — and run here right away (kickJobs); the minute sweep
 * (jobs/sweep.ts) covers anything left behind.
 */
export async function storeEvents(req: PayloadRequest, events: RawEvent[]): Promise<Stored> {
  if (events.length === 0) return { stored: 0, duplicates: 0, tenants: [], unknown: [] }
  const state = stateOf(req)
  const outcome = await new Promise<Stored>((resolve, reject) => {
    state.waiting.push({ req, events, resolve, reject })
    if (!state.flushing) void flush(state)
  })
  for (const tenantId of outcome.tenants) await queueProcessing(req, tenantId)
  const options = hostOf(req)
  if (outcome.stored > 0) options.jobs.kickJobs(req.payload, options.runJobsAfterMs)
  return outcome
}

export async function queueProcessing(req: PayloadRequest, tenantId: string): Promise<void> {
  const state = stateOf(req)
  const since = state.queued.get(tenantId)
  if (since !== undefined && Date.now() - since < QUEUED_FOR_MS) return
  state.queued.set(tenantId, Date.now())
  await req.payload.jobs.queue({ task: PROCESS_TASK, input: { tenantId } })
}
