import type { PayloadRequest } from 'payload'

import type { Message } from '../../../payload-types'
import { MESSAGE_TYPES } from '../model'
import type { Outcome, StoredEvent } from '../model'
import { recordIncoming } from './record-inbound'

type WaMessage = {
  from: string
  id: string
  timestamp: string
  type: string
  text?: { body?: string }
  button?: { text?: string }
  interactive?: { button_reply?: { title?: string }; list_reply?: { title?: string } }
} & Record<string, unknown>

/** The readable text of a WhatsApp message of any type (reference §1.4). */
function textOf(m: WaMessage): null | string {
  if (m.type === 'text') return m.text?.body ?? null
  if (m.type === 'button') return m.button?.text ?? null
  if (m.type === 'interactive') return m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? null
  const media = m[m.type] as { caption?: string } | undefined
  return media?.caption ?? null
}

/** An inbound WhatsApp message (reference §1.4) into its conversation. */
export async function receiveWhatsappMessage(req: PayloadRequest, event: StoredEvent): Promise<Outcome> {
  const message = event.payload.message as WaMessage
  const contact = event.payload.contact as { profile?: { name?: string }; wa_id?: string } | null
  const type = ((MESSAGE_TYPES as readonly string[]).includes(message.type) ? message.type : 'unsupported') as Message['type']
  return recordIncoming(req, {
    contact: { channel: 'whatsapp', channelId: event.payload.channelId, contactId: String(contact?.wa_id ?? message.from), name: contact?.profile?.name, tenantId: event.tenantId },
    metaId: message.id,
    type,
    text: textOf(message),
    at: new Date(Number(message.timestamp) * 1000 || Date.now()),
    attachment: type === 'text' ? null : (message[message.type] ?? null),
  })
}
