import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type PayloadRequest } from 'payload'

import type { MetaHost } from '../host'
import { receiveLeadgen } from '../inbound/leadgen'
import { receiveMessengerItem } from '../inbound/messenger'
import { receiveReceipt, receiveWhatsappStatus } from '../inbound/statuses'
import { receiveTemplateStatus } from '../inbound/template-status'
import { receiveWhatsappMessage } from '../inbound/whatsapp'
import type { EventKind, Outcome, StoredEvent } from '../model'
import { runSql } from '../run-sql'
import { PROCESS_TASK, processingStarted } from '../webhook/store-events'

/** Attempts of one event before it is marked failed. */
export const EVENT_ATTEMPTS = 5
const BATCH = 50

const HANDLERS: Record<EventKind, (req: PayloadRequest, event: StoredEvent) => Promise<Outcome>> = {
  'wa-message': receiveWhatsappMessage,
  'wa-status': receiveWhatsappStatus,
  'wa-template-status': receiveTemplateStatus,
  'wa-error': async (req, event) => {
    req.payload.logger.warn({ error: event.payload.error, number: event.externalId }, 'WhatsApp reported an error for a number')
    return { ignored: 'logged' }
  },
  'fb-message': receiveMessengerItem,
  'fb-postback': receiveMessengerItem,
  'fb-echo': receiveMessengerItem,
  'fb-delivery': receiveReceipt,
  'fb-read': receiveReceipt,
  leadgen: receiveLeadgen,
}

/**
 * Claim a batch of the tenant's pending events, oldest first. One that failed waits 5 s × attempts²
 * before it is claimed again (the minute sweep queues the run); a claim older than 5 minutes was a
 * crash.
 */
async function claim(req: PayloadRequest): Promise<StoredEvent[]> {
  const rows = await runSql(
    req,
    sql`update meta_events set status = 'processing', attempts = attempts + 1, updated_at = now()
        where id in (
          select id from meta_events
          where (status = 'pending' and (attempts = 0 or updated_at < now() - make_interval(secs => 5 * attempts * attempts)))
             or (status = 'processing' and updated_at < now() - interval '5 minutes')
          order by created_at, id limit ${BATCH} for update skip locked)
        returning id, tenant_id, kind, external_id, payload, attempts, created_at`,
  )
  return rows
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))
    .map((r) => ({ id: String(r.id), tenantId: String(r.tenant_id), kind: r.kind as EventKind, externalId: String(r.external_id), payload: r.payload as StoredEvent['payload'], attempts: Number(r.attempts) }))
}

async function finish(req: PayloadRequest, event: StoredEvent, status: 'done' | 'ignored' | 'failed' | 'pending', error: null | string) {
  await runSql(
    req,
    sql`update meta_events set status = ${status}::enum_meta_events_status, error = ${error}, processed_at = case when ${status} = 'pending' then null else now() end, updated_at = now() where id = ${event.id}`,
  )
}

/**
 * Work through a tenant's stored webhook events (queued by the webhook, store-events.ts), in the
 * order they arrived, until none is pending. Each event is handled on its own: one that throws is
 * tried again by a later run, up to EVENT_ATTEMPTS, then marked failed with the error; the others
 * go on (it waits, see claim()). Row-level security holds every read and write to the job's tenant.
 */
export const processEventsTask = ({ jobs: { tenantTask }, db: { withTransaction } }: Pick<MetaHost, 'db' | 'jobs'>) =>
  tenantTask<{ tenantId: string }, { handled: number; failed: number }>({
    slug: PROCESS_TASK,
    label: 'Handle received Meta webhook events',
    handler: async ({ input, req }) => {
      processingStarted(req, input.tenantId)
      let handled = 0
      let failed = 0
      for (let events = await claim(req); events.length > 0; events = await claim(req)) {
        for (const event of events) {
          // Each event in its own transaction, on a fresh req (no context flags left by the one
          // before): its effects and its `done` commit together, or not at all.
          const eventReq = await createLocalReq({}, req.payload)
          try {
            await withTransaction(eventReq, async () => {
              const outcome = await HANDLERS[event.kind](eventReq, event)
              await finish(eventReq, event, outcome?.ignored ? 'ignored' : 'done', outcome?.ignored ?? null)
            })
            handled++
          } catch (error) {
            const last = event.attempts >= EVENT_ATTEMPTS
            req.payload.logger.error({ err: error, event: event.id, kind: event.kind, attempt: event.attempts }, `Meta event ${event.id} could not be handled${last ? '; giving up' : ''}`)
            await finish(req, event, last ? 'failed' : 'pending', (error as Error).message?.slice(0, 500) ?? String(error)).catch((e: unknown) =>
              req.payload.logger.error({ err: e, event: event.id }, 'could not record the failure of a Meta event'),
            )
            failed++
          }
        }
      }
      return { output: { handled, failed } }
    },
  })
