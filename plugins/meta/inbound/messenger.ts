import type { PayloadRequest } from 'payload'

import type { Outcome, StoredEvent } from '../jobs/process-events'
import { recordIncoming } from './record-inbound'

type Item = {
  sender?: { id?: string }
  recipient?: { id?: string }
  timestamp?: number
  message?: { mid?: string; text?: string; is_echo?: boolean; attachments?: { type?: string; payload?: unknown }[]; quick_reply?: { payload?: string } }
  postback?: { mid?: string; title?: string; payload?: string }
}

const ATTACHMENT_TYPES: Record<string, 'image' | 'video' | 'audio' | 'document'> = { image: 'image', video: 'video', audio: 'audio', file: 'document' }

/**
 * A Messenger item (reference §2.1): a customer's message or postback → inbound; the page's echo
 * (its own message, sent from Meta's inbox or by us) → outbound, unless we stored it already.
 */
export async function receiveMessengerItem(req: PayloadRequest, event: StoredEvent): Promise<Outcome> {
  const item = event.payload as unknown as Item
  const echo = item.message?.is_echo === true
  const psid = String((echo ? item.recipient?.id : item.sender?.id) ?? '')
  if (!psid) return { ignored: 'no sender' }
  const contact = { channel: 'messenger' as const, channelId: event.payload.channelId, contactId: psid, tenantId: event.tenantId }
  const at = new Date(Number(item.timestamp) || Date.now())
  if (item.postback) {
    const postback = item.postback
    return recordIncoming(req, { contact, metaId: postback.mid || `postback:${psid}:${item.timestamp}`, type: 'postback', text: postback.title ?? postback.payload ?? null, at })
  }
  const message = item.message ?? {}
  const attachment = message.attachments?.[0]
  const type = message.text ? 'text' : attachment ? (ATTACHMENT_TYPES[attachment.type ?? ''] ?? 'unsupported') : 'unsupported'
  return recordIncoming(req, {
    contact,
    metaId: String(message.mid),
    direction: echo ? 'outbound' : 'inbound',
    type,
    text: message.text ?? null,
    at,
    attachment: message.attachments ?? null,
  })
}
