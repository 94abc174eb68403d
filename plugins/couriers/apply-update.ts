import type { PayloadRequest } from 'payload'

import type { Shipment } from '../../payload-types'
import { STAGE_FIELDS } from './collections/Shipments'
import { moveOrderFor } from './order-flow'
import { systemReqOf } from './system-req'
import { moves } from './providers/status-map'
import type { ShipmentStatus } from './providers/types'

/** One thing learnt about a shipment (a webhook event, a poll, the booking's answer, a manual act). */
export type ShipmentUpdate = {
  source: 'booking' | 'webhook' | 'poll' | 'manual'
  at: Date
  rawStatus?: null | string
  status?: null | ShipmentStatus
  message?: null | string
  consignmentId?: null | string
  trackingCode?: null | string
  collected?: null | number
  deliveryFee?: null | number
  codFee?: null | number
}

/** The most history rows a shipment keeps (the oldest go first); the raw events stay in courier-events. */
const MAX_HISTORY = 200

/**
 * Apply an update to a shipment in the current tenant context and `req`'s transaction: the
 * event always goes into the history; the status moves only forward by rank (a late "in transit"
 * never overwrites "delivered"); the first time a stage is reached its timestamp is stamped;
 * amounts and ids the courier gives are kept. The order follows (shipped, delivered, returned),
 * audited as any order change. Answers whether the status moved.
 */
export async function applyUpdate(req: PayloadRequest, shipment: Shipment, update: ShipmentUpdate): Promise<boolean> {
  const current = shipment.status ?? null
  const next = update.status ?? null
  const applied = next !== null && (current === null || (next !== current && moves(current, next)))
  const data: Record<string, unknown> = {}
  const history = [...(shipment.history ?? []).map(({ id: _id, ...row }) => row)]
  history.push({ at: update.at.toISOString(), source: update.source, rawStatus: update.rawStatus ?? null, status: next, applied, message: update.message?.slice(0, 500) ?? null })
  data.history = history.slice(-MAX_HISTORY)
  if (update.rawStatus && (applied || !current)) data.rawStatus = update.rawStatus
  if (applied && next) {
    data.status = next
    const stage = STAGE_FIELDS[next as keyof typeof STAGE_FIELDS]
    if (stage && !shipment[stage as keyof Shipment]) data[stage] = update.at.toISOString()
    if (next === 'failed_attempt') data.attempts = (shipment.attempts ?? 0) + 1
    if (next === 'cancelled') data.active = false
  }
  if (update.consignmentId && !shipment.consignmentId) data.consignmentId = update.consignmentId
  if (update.trackingCode && !shipment.trackingCode) data.trackingCode = update.trackingCode
  if (update.collected != null) data.codCollected = update.collected
  if (update.deliveryFee != null) data.deliveryFee = update.deliveryFee
  if (update.codFee != null) data.codFee = update.codFee
  const last = shipment.lastEventAt ? new Date(shipment.lastEventAt) : null
  if (!last || update.at > last) data.lastEventAt = update.at.toISOString()
  const system = await systemReqOf(req)
  await req.payload.update({ collection: 'shipments', id: shipment.id, data, depth: 0, overrideAccess: true, req: system })
  if (applied && next) await moveOrderFor(system, shipment, next)
  return applied
}
