import type { PayloadRequest } from 'payload'

import type { Shipment } from '../../payload-types'
import type { ShipmentStatus } from './providers/types'
import { idOf } from './ids'

/** The host's order statuses a shipment walks its order through, one allowed move at a time. */
const LADDER = ['confirmed', 'packed', 'shipped'] as const
type Target = 'packed' | 'shipped' | 'delivered' | 'returned'

const TARGET: Partial<Record<ShipmentStatus, Target>> = {
  booked: 'packed',
  picked: 'shipped',
  in_transit: 'shipped',
  out_for_delivery: 'shipped',
  on_hold: 'shipped',
  failed_attempt: 'shipped',
  returning: 'shipped',
  delivered: 'delivered',
  partially_delivered: 'delivered',
  returned: 'returned',
}

/**
 * Move the shipment's order towards what the courier reports (booked → packed; on its way →
 * shipped; delivered → delivered; returned → returned, which puts the stock back), step by step
 * through the host's own transitions and hooks (each step audited). An order already past the
 * target, or cancelled, is left alone; a refused move is logged, never fatal to the event.
 */
export async function moveOrderFor(req: PayloadRequest, shipment: Pick<Shipment, 'order' | 'id'>, status: ShipmentStatus): Promise<void> {
  const target = TARGET[status]
  if (!target) return
  const id = idOf(shipment.order)
  try {
    for (let step = 0; step < 4; step++) {
      const order = await req.payload.findByID({ collection: 'orders', id, depth: 0, overrideAccess: true, req, disableErrors: true })
      if (!order) return
      const at = LADDER.indexOf(order.status as (typeof LADDER)[number])
      if (at < 0) return // delivered, returned, cancelled or pending: nothing to walk
      const goal = target === 'packed' ? 1 : target === 'shipped' ? 2 : 3
      if (at >= goal) return
      const next = at + 1 < LADDER.length ? LADDER[at + 1] : target
      await req.payload.update({ collection: 'orders', id, data: { status: next }, depth: 0, overrideAccess: true, req, context: { courierShipment: String(shipment.id) } })
    }
  } catch (error) {
    req.payload.logger.warn({ err: error, order: id, shipment: shipment.id, status }, 'couriers: the order could not follow its shipment')
  }
}
