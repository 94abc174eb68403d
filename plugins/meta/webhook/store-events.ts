import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { runSql } from '../../../src/db/run-sql'
import { kickJobs } from '../../../src/jobs/kick-jobs'
import { processGlobal } from '../../../src/process-global'
import { runWithTenant } from '../../../src/tenancy/request-context'
import { metaOptions } from '../options'
import type { RoutedEvent } from './route-events'

export const PROCESS_TASK = 'metaProcessEvents'

/** Tenants with a processing job queued by this process that has not started yet. */
const queued = processGlobal('meta.queued-processing', () => new Map<string, number>())
const QUEUED_FOR_MS = 2_000

/** The processing job started (jobs/process-events.ts): the next delivery queues another. */
export const processingStarted = (tenantId: string) => queued.delete(tenantId)

/**
 * Store one tenant's events in one statement, in the tenant's row-level-security context; an
 * event whose key is already stored is skipped (ON CONFLICT DO NOTHING), so a redelivery has no
 * second effect. Answers how many were new.
 */
async function insertEvents(req: PayloadRequest, tenantId: string, events: RoutedEvent[]): Promise<number> {
  const rows = events.map((e) => ({ kind: e.kind, external_id: e.externalId, event_key: e.eventKey, payload: { ...e.payload, channelId: e.channelId } }))
  return runWithTenant({ tenantId, via: 'system' }, async () => {
    const inserted = await runSql(
      req,
      sql`insert into meta_events (tenant_id, kind, external_id, event_key, payload, status, attempts)
          select ${tenantId}::uuid, x.kind::enum_meta_events_kind, x.external_id, x.event_key, x.payload, 'pending', 0
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(kind text, external_id text, event_key text, payload jsonb)
          on conflict (tenant_id, event_key) do nothing
          returning id`,
    )
    return inserted.length
  })
}

/**
 * Store the routed events per tenant and make sure a `metaProcessEvents` job will pick them up:
 * one is queued unless this process queued one for the tenant that has not started yet (it will
 * see these rows, which are committed before this returns). The job runs in this process right
 * away (kickJobs); the minute sweep (jobs/sweep.ts) covers anything left behind.
 */
export async function storeEvents(req: PayloadRequest, events: RoutedEvent[]): Promise<{ stored: number; duplicates: number }> {
  const byTenant = new Map<string, RoutedEvent[]>()
  for (const event of events) byTenant.set(event.tenantId, [...(byTenant.get(event.tenantId) ?? []), event])
  let stored = 0
  for (const [tenantId, tenantEvents] of byTenant) {
    const fresh = await insertEvents(req, tenantId, tenantEvents)
    stored += fresh
    if (fresh > 0) await queueProcessing(req, tenantId)
  }
  if (stored > 0) kickJobs(req.payload, metaOptions(req.payload.config).runJobsAfterMs)
  return { stored, duplicates: events.length - stored }
}

export async function queueProcessing(req: PayloadRequest, tenantId: string): Promise<void> {
  const since = queued.get(tenantId)
  if (since !== undefined && Date.now() - since < QUEUED_FOR_MS) return
  queued.set(tenantId, Date.now())
  await req.payload.jobs.queue({ task: PROCESS_TASK as never, input: { tenantId } as never })
}
