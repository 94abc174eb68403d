import { mapStatus } from './status-map'
import type { WebhookEvent, WebhookReply, WebhookRequest } from './types'
import { eventKey, idOf, isRecord, malformed, providerTime, safeEqual, stringOf, toMinor } from './util'

/**
 * Steadfast's webhook (integrations.md §3.1): `Authorization: Bearer <auth token>` set in the
 * Steadfast panel; JSON bodies with `notification_type` delivery_status | tracking_update |
 * return_status; `updated_at` "YYYY-MM-DD HH:MM:SS" in Dhaka time; amounts in BDT.
 */

const TYPES = new Set(['delivery_status', 'tracking_update', 'return_status'])

/** Whether the request carries `Authorization: Bearer <secret>` (constant-time). */
export function steadfastAuthenticate(request: WebhookRequest, secret: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec((request.headers.authorization ?? '').trim())
  return safeEqual(m ? m[1].trim() : null, secret)
}

/** "Amount has been changed from 1500 to 1200" — Steadfast revising what it collected on a partial delivery. */
const AMOUNT_CHANGE = /amount has been changed from\s*([\d.,]+)\s*to\s*([\d.,]+)/i

/**
 * The event of one Steadfast webhook body. delivery_status → kind 'status' (cod_amount = what was
 * collected, delivery_charge = the fee); tracking_update → kind 'tracking', `in_transit` (§8.1),
 * except an "Amount has been changed … to Y" message, which revises `collected` and moves nothing;
 * return_status → kind 'tracking' without a canonical status. Dedupe key: sha256 of
 * (consignment_id, notification_type, status, updated_at, tracking_message).
 */
export function steadfastParseWebhook(body: unknown): WebhookEvent[] {
  if (!isRecord(body)) malformed('steadfast', 'not a JSON object')
  const type = body.notification_type
  if (typeof type !== 'string' || !TYPES.has(type)) malformed('steadfast', 'notification_type must be delivery_status, tracking_update or return_status')
  const consignmentId = idOf(body.consignment_id)
  if (consignmentId === null) malformed('steadfast', 'consignment_id is missing')
  const rawStatus = stringOf(body.status)
  if (type === 'delivery_status' && rawStatus === null) malformed('steadfast', 'a delivery_status notification without status')
  let at = new Date()
  if (body.updated_at !== undefined && body.updated_at !== null) at = providerTime(body.updated_at) ?? malformed('steadfast', `updated_at ${JSON.stringify(body.updated_at)} is not a time`)
  const message = stringOf(body.tracking_message)
  const event: WebhookEvent = {
    key: eventKey('steadfast', [consignmentId, type, rawStatus, stringOf(body.updated_at), message]),
    kind: type === 'delivery_status' ? 'status' : 'tracking',
    consignmentId,
    trackingCode: stringOf(body.tracking_id) ?? stringOf(body.tracking_code),
    invoice: stringOf(body.invoice),
    rawStatus,
    status: null,
    message,
    at,
  }
  if (type === 'delivery_status') {
    event.status = mapStatus('steadfast', rawStatus)
    event.collected = toMinor(body.cod_amount)
    event.deliveryFee = toMinor(body.delivery_charge)
  } else if (type === 'tracking_update') {
    const change = message ? AMOUNT_CHANGE.exec(message) : null
    if (change) event.collected = toMinor(change[2].replace(/,/g, ''))
    else event.status = mapStatus('steadfast', 'tracking_update')
  }
  return [event]
}

/** What Steadfast expects back. */
export function steadfastReply(): WebhookReply {
  return { status: 200, body: { status: 'success', message: 'Webhook received successfully.' } }
}
