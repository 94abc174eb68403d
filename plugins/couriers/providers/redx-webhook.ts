import { mapStatus } from './status-map'
import type { WebhookEvent, WebhookReply, WebhookRequest } from './types'
import { eventKey, isRecord, malformed, providerTime, safeEqual, stringOf } from './util'

/**
 * RedX's webhook (integrations.md §3.3): no signature; the merchant puts a secret in the callback
 * URL's query (`?token=<secret>`). Body `{tracking_number, timestamp, status, message_en,
 * message_bn, invoice_number}`.
 */

/** Whether `?token=` equals the secret (constant-time). */
export function redxAuthenticate(request: WebhookRequest, secret: string): boolean {
  return safeEqual(request.query.get('token'), secret)
}

/** The event of one RedX webhook body (kind 'status'); dedupe key (tracking_number, status, timestamp). */
export function redxParseWebhook(body: unknown): WebhookEvent[] {
  if (!isRecord(body)) malformed('redx', 'not a JSON object')
  const tracking = stringOf(body.tracking_number)
  if (tracking === null) malformed('redx', 'tracking_number is missing')
  const rawStatus = stringOf(body.status)
  if (rawStatus === null) malformed('redx', 'status is missing')
  const timestamp = typeof body.timestamp === 'number' || typeof body.timestamp === 'string' ? body.timestamp : null
  return [
    {
      key: eventKey('redx', [tracking, rawStatus, timestamp]),
      kind: 'status',
      consignmentId: tracking,
      trackingCode: tracking,
      invoice: stringOf(body.invoice_number),
      rawStatus,
      status: mapStatus('redx', rawStatus),
      message: stringOf(body.message_en) ?? stringOf(body.message_bn),
      at: providerTime(timestamp) ?? new Date(),
    },
  ]
}

export function redxReply(): WebhookReply {
  return { status: 200, body: { message: 'ok' } }
}
