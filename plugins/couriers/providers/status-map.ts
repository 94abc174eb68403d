import type { Provider, ShipmentStatus } from './types'

/**
 * Provider statuses → the canonical ShipmentStatus (integrations.md §8.1). A raw status not listed
 * maps to null: the plugin keeps it raw and leaves the canonical status as it was.
 *
 * Choices where the table leaves room:
 * - Steadfast `cancelled` / `cancelled_approval_pending` → `returned`. Steadfast has no cancel API,
 *   and its "cancelled" is what a parcel becomes when delivery did not happen and it goes back to the
 *   merchant (balance updated with the charge). Only when the shop itself asked for the cancellation
 *   (`cancelRequested`, done in the Steadfast panel before pickup) is it `cancelled`.
 * - Steadfast `tracking_update` (a webhook without a status) → `in_transit`, as §8.1 says; a
 *   `return_status` message (a merchant's return request) carries no canonical status.
 * - Pathao `pickup-failed` → null (still `booked`): mapping it to on_hold would rank it above
 *   `picked`, and the rank guard would then refuse the pickup that follows a retried collection.
 * - Pathao `returned` and `paid-return` → `returned` (final); `return-id-created` and
 *   `return-in-transit` → `returning`; `exchanged` → `delivered`; `paid` → null (money, not movement).
 * - Pathao `order.` prefixes are stripped (webhook event names); human `order_status` text
 *   ("Pickup Requested") is slugified by the adapter before it gets here.
 */
const STEADFAST: Record<string, ShipmentStatus | null> = {
  in_review: 'booked',
  pending: 'booked',
  hold: 'on_hold',
  delivered: 'delivered',
  delivered_approval_pending: 'delivered',
  partial_delivered: 'partially_delivered',
  partial_delivered_approval_pending: 'partially_delivered',
  cancelled: 'returned',
  cancelled_approval_pending: 'returned',
  tracking_update: 'in_transit',
  unknown: null,
  unknown_approval_pending: null,
}

const PATHAO: Record<string, ShipmentStatus | null> = {
  pending: 'booked',
  created: 'booked',
  updated: 'booked',
  'pickup-requested': 'booked',
  'assigned-for-pickup': 'picked',
  picked: 'picked',
  'pickup-failed': null,
  'pickup-cancelled': 'cancelled',
  'at-the-sorting-hub': 'in_transit',
  'in-transit': 'in_transit',
  'received-at-last-mile-hub': 'in_transit',
  'assigned-for-delivery': 'out_for_delivery',
  delivered: 'delivered',
  'partial-delivery': 'partially_delivered',
  'delivery-failed': 'failed_attempt',
  'on-hold': 'on_hold',
  returned: 'returned',
  'paid-return': 'returned',
  'return-id-created': 'returning',
  'return-in-transit': 'returning',
  'returned-to-merchant': 'returned',
  exchanged: 'delivered',
  paid: null,
}

const REDX: Record<string, ShipmentStatus | null> = {
  'pickup-pending': 'booked',
  'ready-for-delivery': 'picked',
  'delivery-in-progress': 'out_for_delivery',
  delivered: 'delivered',
  'agent-hold': 'on_hold',
  'agent-area-change': 'on_hold',
  'agent-returning': 'returning',
  returned: 'returned',
  cancelled: 'cancelled',
}

const TABLES: Record<Provider, Record<string, ShipmentStatus | null>> = { steadfast: STEADFAST, pathao: PATHAO, redx: REDX }

/**
 * The canonical status of a provider's raw status (case-insensitive; Pathao's `order.` prefix
 * dropped). `cancelRequested`: the shop asked for this parcel's cancellation (Steadfast's
 * `cancelled` is then `cancelled`, not `returned`).
 */
export function mapStatus(provider: Provider, raw: null | string | undefined, opts: { cancelRequested?: boolean } = {}): ShipmentStatus | null {
  if (typeof raw !== 'string') return null
  let key = raw.trim().toLowerCase()
  if (provider === 'pathao' && key.startsWith('order.')) key = key.slice('order.'.length)
  if (provider === 'steadfast' && opts.cancelRequested && key.startsWith('cancelled')) return 'cancelled'
  return Object.prototype.hasOwnProperty.call(TABLES[provider], key) ? TABLES[provider][key] : null
}

/**
 * How far along a shipment is. out_for_delivery, on_hold and failed_attempt share a rank, so a
 * parcel can go out, fail, be held and go out again; the four terminal statuses share the top rank.
 */
export const STATUS_RANK: Record<ShipmentStatus, number> = {
  booked: 0,
  picked: 1,
  in_transit: 2,
  out_for_delivery: 3,
  on_hold: 3,
  failed_attempt: 3,
  returning: 4,
  delivered: 5,
  partially_delivered: 5,
  returned: 5,
  cancelled: 5,
}

const TERMINAL = new Set<ShipmentStatus>(['delivered', 'partially_delivered', 'returned', 'cancelled'])

/** Whether nothing moves a shipment out of this status any more. */
export function isTerminal(status: ShipmentStatus): boolean {
  return TERMINAL.has(status)
}

/**
 * Whether an event saying `to` may change a shipment that is `from` (the rank guard of §8.1): never
 * out of a terminal status, never backwards, never to the same status; sideways within a rank
 * (out_for_delivery ↔ on_hold ↔ failed_attempt). A refused event is still logged by the plugin.
 * `from` null: the shipment has no canonical status yet, anything applies.
 */
export function moves(from: ShipmentStatus | null, to: ShipmentStatus): boolean {
  if (from === null) return true
  if (from === to || isTerminal(from)) return false
  return STATUS_RANK[to] >= STATUS_RANK[from]
}
