import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Message } from '../../../payload-types'
import { INBOUND_WRITE } from '../context'
import type { Outcome, StoredEvent } from '../model'
import { runSql } from '../run-sql'

const RANK: Record<string, number> = { pending: 0, sent: 1, delivered: 2, read: 3 }
const STAMP = { sent: 'sentAt', delivered: 'deliveredAt', read: 'readAt', failed: 'failedAt' } as const

type WaStatus = { id: string; status: keyof typeof STAMP; timestamp?: string; errors?: { code?: number; title?: string; message?: string; error_data?: { details?: string } }[] }

/**
 * A WhatsApp status webhook (reference §1.4) onto the message it is about: sent → delivered →
 * read never goes backwards (webhooks arrive out of order); failed keeps Meta's error code. A
 * status can beat our own send job to the database (the job stores the wamid after Graph
 * answers): then it is tried again later; after three tries it is about a message sent elsewhere.
 */
export async function receiveWhatsappStatus(req: PayloadRequest, event: StoredEvent): Promise<Outcome> {
  const status = event.payload.status as WaStatus
  const { docs } = await req.payload.find({
    collection: 'messages',
    where: { and: [{ tenant: { equals: event.tenantId } }, { metaId: { equals: status.id } }] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
  })
  const message = docs[0]
  if (!message) {
    if (event.attempts >= 3) return { ignored: 'no message with this id (sent outside the app?)' }
    throw new Error(`no message ${status.id} yet; the send may not have been recorded`)
  }
  const at = new Date(Number(status.timestamp) * 1000 || Date.now()).toISOString()
  const data: Partial<Message> = { [STAMP[status.status]]: at }
  if (status.status === 'failed') {
    const error = status.errors?.[0]
    Object.assign(data, { status: 'failed', error: { code: error?.code ?? null, title: error?.title ?? error?.message ?? null, details: error?.error_data?.details ?? null } })
  } else if (message.status !== 'failed' && (RANK[status.status] ?? 0) > (RANK[message.status ?? 'pending'] ?? 0)) {
    data.status = status.status
  }
  await req.payload.update({ collection: 'messages', id: message.id, data: data, overrideAccess: true, context: { [INBOUND_WRITE]: true }, req })
}

/**
 * Messenger `delivery` (the listed mids) and `read` (everything the page sent up to the
 * watermark) receipts (reference §2.1), onto the page's outbound messages in that conversation.
 */
export async function receiveReceipt(req: PayloadRequest, event: StoredEvent): Promise<Outcome> {
  const item = event.payload as { sender?: { id?: string }; delivery?: { mids?: string[]; watermark?: number }; read?: { watermark?: number } }
  const channelKey = `${event.payload.channelId}:${item.sender?.id ?? ''}`
  const read = Boolean(item.read)
  const watermark = new Date(Number((item.read ?? item.delivery)?.watermark) || Date.now()).toISOString()
  const mids = item.delivery?.mids ?? []
  const next = read ? 'read' : 'delivered'
  await runSql(
    req,
    sql`update messages m set
          status = ${next}::enum_messages_status,
          ${read ? sql`read_at` : sql`delivered_at`} = ${watermark}::timestamptz,
          updated_at = now()
        from conversations c
        where m.conversation_id = c.id and c.channel_key = ${channelKey} and m.direction = 'outbound'
          and m.status in ('sent'${read ? sql`, 'delivered'` : sql``})
          and (${mids.length > 0 ? sql`m.meta_id in (select jsonb_array_elements_text(${JSON.stringify(mids)}::jsonb))` : sql`m.sent_at <= ${watermark}::timestamptz`})`,
  )
}
