import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type PayloadRequest } from 'payload'

import { applyUpdate } from '../apply-update'
import { findShipment } from '../find-shipment'
import type { ResolvedCouriersOptions } from '../options'
import type { Provider, WebhookEvent } from '../providers/types'
import { recordSettlement } from '../settle'
import { PROCESS_TASK } from '../webhook/store-events'

export const EVENT_ATTEMPTS = 5
const BATCH = 100

type Claimed = { id: string; accountId: string; provider: Provider; event: WebhookEvent; attempts: number }

/** The tenant's pending events, oldest first (a failed one waits 5 s × attempts²; a claim older than 5 minutes was a crash). */
async function claim(options: ResolvedCouriersOptions, req: PayloadRequest): Promise<Claimed[]> {
  const rows = await options.db.runSql(
    req,
    sql`update courier_events set state = 'processing', attempts = attempts + 1, updated_at = now()
        where id in (
          select id from courier_events
          where (state = 'pending' and (attempts = 0 or updated_at < now() - make_interval(secs => 5 * attempts * attempts)))
             or (state = 'processing' and updated_at < now() - interval '5 minutes')
          order by created_at, id limit ${BATCH} for update skip locked)
        returning id, account_id, provider, event, attempts, created_at`,
  )
  return rows
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))
    .map((r) => {
      const raw = r.event as WebhookEvent & { at: string }
      return { id: String(r.id), accountId: String(r.account_id), provider: r.provider as Provider, attempts: Number(r.attempts), event: { ...raw, at: new Date(raw.at) } }
    })
}

async function finish(options: ResolvedCouriersOptions, req: PayloadRequest, id: string, state: 'done' | 'ignored' | 'failed' | 'pending', error: null | string, shipmentId: null | string) {
  await options.db.runSql(
    req,
    sql`update courier_events set state = ${state}::enum_courier_events_state, error = ${error}, shipment_id = coalesce(${shipmentId}::uuid, shipment_id), updated_at = now() where id = ${id}::uuid`,
  )
}

/** Apply one event to the shipment it names (of the event's own account only). */
async function applyEvent(req: PayloadRequest, claimed: Claimed, currency: string): Promise<{ state: 'done' | 'ignored'; note: null | string; shipment: null | string }> {
  const { event } = claimed
  const shipment = await findShipment(req, claimed.accountId, event)
  if (!shipment) return { state: 'ignored', note: 'No shipment of this courier account has these ids.', shipment: null }
  if (event.kind === 'payout') {
    if (!event.settlementRef) return { state: 'ignored', note: 'A payout event without a payout reference.', shipment: String(shipment.id) }
    await recordSettlement(req, {
      accountId: claimed.accountId,
      provider: claimed.provider,
      reference: event.settlementRef,
      source: 'webhook',
      currency,
      paidAt: event.at,
      items: [{ shipment, collected: event.collected ?? null, deliveryFee: event.deliveryFee ?? null }],
    })
    return { state: 'done', note: null, shipment: String(shipment.id) }
  }
  if (event.kind === 'store') return { state: 'ignored', note: 'Store events change no shipment.', shipment: null }
  await applyUpdate(req, shipment, {
    source: 'webhook',
    at: event.at,
    rawStatus: event.rawStatus,
    status: event.status,
    message: event.message ?? null,
    consignmentId: event.consignmentId,
    trackingCode: event.trackingCode,
    collected: event.collected ?? null,
    deliveryFee: event.deliveryFee ?? null,
  })
  return { state: 'done', note: null, shipment: String(shipment.id) }
}

/**
 * `courierProcessEvents` — a tenant's stored webhook events, applied in the order they arrived,
 * each in its own transaction (one bad event never undoes the others; it is retried, then marked failed).
 */
export const processEventsTask = (options: ResolvedCouriersOptions) =>
  options.jobs.tenantTask<{ tenantId: string }, { done: number; ignored: number; failed: number }>({
    slug: PROCESS_TASK,
    retries: 3,
    handler: async ({ input, req }) => {
      const { currency } = await options.tenancy.tenantFacts(req, input.tenantId)
      const counts = { done: 0, ignored: 0, failed: 0 }
      for (let round = 0; round < 20; round++) {
        const batch = await claim(options, req)
        if (batch.length === 0) break
        for (const claimed of batch) {
          // A fresh req per event: its effects and its `done` commit together, or not at all.
          const eventReq = await createLocalReq({}, req.payload)
          try {
            const outcome = await options.db.withTransaction(eventReq, async () => {
              const result = await applyEvent(eventReq, claimed, currency)
              await finish(options, eventReq, claimed.id, result.state, result.note, result.shipment)
              return result
            })
            counts[outcome.state]++
          } catch (error) {
            const last = claimed.attempts >= EVENT_ATTEMPTS
            req.payload.logger.warn({ err: error, event: claimed.id }, `couriers: an event could not be applied${last ? ' (giving up)' : ''}`)
            await finish(options, req, claimed.id, last ? 'failed' : 'pending', error instanceof Error ? error.message.slice(0, 500) : String(error), null).catch(() => undefined)
            if (last) counts.failed++
          }
        }
      }
      return { output: counts }
    },
  })
