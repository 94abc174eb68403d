import { mapStatus } from './status-map'
import type { WebhookEvent, WebhookReply, WebhookRequest } from './types'
import { eventKey, idOf, isRecord, malformed, providerTime, safeEqual, stringOf, toMinor } from './util'

/**
 * Pathao's webhook (integrations.md §3.2, §8.3): header `X-PATHAO-Signature: <secret>` verbatim
 * (not an HMAC); events `order.<slug>`, `store.*` and the integration handshake
 * `{event: "webhook_integration"}`; every reply must echo
 * `X-Pathao-Merchant-Webhook-Integration-Secret`, the handshake's with HTTP 202.
 */

export const PATHAO_ECHO_HEADER = 'X-Pathao-Merchant-Webhook-Integration-Secret'
/** The fixed echo value one transcription of Pathao's dashboard gives (§8.3); the account chooses. */
export const PATHAO_FIXED_HANDSHAKE_SECRET = 'f3992ecc-59da-4cbe-a049-a13da2018d51'

/** Whether `x-pathao-signature` equals the secret (constant-time). */
export function pathaoAuthenticate(request: WebhookRequest, secret: string): boolean {
  return safeEqual(request.headers['x-pathao-signature'], secret)
}

function timeOf(body: Record<string, unknown>): Date {
  return providerTime(body.timestamp) ?? providerTime(body.updated_at) ?? new Date()
}

/**
 * The event of one Pathao webhook body. `order.paid` → kind 'payout' (settlementRef = invoice_id,
 * no status change); other `order.*` → kind 'status' (collected_amount, delivery_fee in BDT → minor;
 * `reason` as the message); `store.*` → kind 'store'; the handshake → kind 'handshake'. An event of
 * another family yields no events. Dedupe key: (event, consignment_id or store_id, updated_at or timestamp).
 */
export function pathaoParseWebhook(body: unknown): WebhookEvent[] {
  if (!isRecord(body)) malformed('pathao', 'not a JSON object')
  const name = body.event
  if (typeof name !== 'string' || name.trim() === '') malformed('pathao', 'event is missing')
  const when = stringOf(body.updated_at) ?? stringOf(body.timestamp)
  const base = { trackingCode: null, invoice: null, rawStatus: null, status: null, at: timeOf(body) }
  if (name === 'webhook_integration') return [{ ...base, key: eventKey('pathao', [name, when]), kind: 'handshake', consignmentId: null }]
  if (name.startsWith('store.')) return [{ ...base, key: eventKey('pathao', [name, idOf(body.store_id), when]), kind: 'store', consignmentId: null, message: stringOf(body.store_name) }]
  if (!name.startsWith('order.')) return []
  const consignmentId = idOf(body.consignment_id)
  if (consignmentId === null) malformed('pathao', `${name} without consignment_id`)
  const slug = name.slice('order.'.length)
  const paid = slug === 'paid'
  return [
    {
      ...base,
      key: eventKey('pathao', [name, consignmentId, when]),
      kind: paid ? 'payout' : 'status',
      consignmentId,
      trackingCode: consignmentId,
      invoice: stringOf(body.merchant_order_id),
      rawStatus: slug,
      status: paid ? null : mapStatus('pathao', slug),
      collected: toMinor(body.collected_amount),
      deliveryFee: toMinor(body.delivery_fee),
      settlementRef: paid ? idOf(body.invoice_id) : null,
      message: stringOf(body.reason),
    },
  ]
}

/** Pathao's expected answer: the echo header always; 202 for the handshake, 200 otherwise. */
export function pathaoReply(events: WebhookEvent[], handshakeSecret: string): WebhookReply {
  const handshake = events.some((e) => e.kind === 'handshake')
  return { status: handshake ? 202 : 200, headers: { [PATHAO_ECHO_HEADER]: handshakeSecret }, body: { message: 'ok' } }
}
