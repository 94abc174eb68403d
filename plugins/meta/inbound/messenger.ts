import type { PayloadRequest } from 'payload'

import { loadChannel } from '../channels'
import { graphRequest } from '../graph/graph-client'
import type { Outcome, StoredEvent } from '../model'
import { metaOptions } from '../options'
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
 * A Messenger user's name from the Graph user profile (`GET /{psid}` with the page token), for a
 * new conversation. Meta's messaging webhooks carry no name; without one (no permission, Graph
 * down) the conversation is named after the PSID — a message is never held up for it.
 */
async function profileName(req: PayloadRequest, pageId: string, psid: string): Promise<null | string> {
  try {
    const { token } = await loadChannel(req, 'pages', pageId)
    const profile = await graphRequest<{ name?: string; first_name?: string; last_name?: string }>(metaOptions(req.payload.config), {
      path: `/${psid}`,
      token,
      query: { fields: 'first_name,last_name,name' },
    })
    return profile.name || [profile.first_name, profile.last_name].filter(Boolean).join(' ') || null
  } catch (error) {
    req.payload.logger.info({ psid, page: pageId, reason: (error as Error).message }, 'Messenger profile not available; the conversation is named after the PSID')
    return null
  }
}

/**
 * A Messenger item (reference §2.1): a customer's message or postback → inbound; the page's echo
 * (its own message, sent from Meta's inbox or by us) → outbound, unless we stored it already.
 */
export async function receiveMessengerItem(req: PayloadRequest, event: StoredEvent): Promise<Outcome> {
  const item = event.payload as unknown as Item
  const echo = item.message?.is_echo === true
  const psid = String((echo ? item.recipient?.id : item.sender?.id) ?? '')
  if (!psid) return { ignored: 'no sender' }
  const contact = { channel: 'messenger' as const, channelId: event.payload.channelId, contactId: psid, tenantId: event.tenantId, lookupName: () => profileName(req, event.payload.channelId, psid) }
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
