import type { Conversation, Message } from '../../../payload-types'
import { graphRequest } from '../graph/graph-client'
import type { ResolvedMetaOptions } from '../options'

/** Graph's answer to a send: the message's id (wamid… or m_…). */
export type SendResult = { metaId: string }

/** The WhatsApp Cloud API body of a text or template message (reference §1.2). */
export function whatsappBody(to: string, message: Pick<Message, 'type' | 'text' | 'template'>): Record<string, unknown> {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to }
  if (message.type === 'template') {
    const parameters = (message.template?.parameters ?? []).map((text) => ({ type: 'text', text }))
    return {
      ...base,
      type: 'template',
      template: {
        name: message.template?.name,
        language: { code: message.template?.language || 'en_US' },
        ...(parameters.length > 0 ? { components: [{ type: 'body', parameters }] } : {}),
      },
    }
  }
  return { ...base, type: 'text', text: { preview_url: false, body: message.text ?? '' } }
}

/** The Messenger Send API body (reference §2.2): RESPONSE inside 24 hours, else the HUMAN_AGENT tag. */
export function messengerBody(psid: string, message: Pick<Message, 'text' | 'tag'>): Record<string, unknown> {
  return {
    recipient: { id: psid },
    messaging_type: message.tag ? 'MESSAGE_TAG' : 'RESPONSE',
    ...(message.tag ? { tag: message.tag } : {}),
    message: { text: message.text ?? '' },
  }
}

/** Send one message through the conversation's number or page with its token. */
export async function sendThroughGraph(
  options: ResolvedMetaOptions,
  conversation: Pick<Conversation, 'channel' | 'contactId'>,
  channelExternalId: string,
  token: string,
  message: Pick<Message, 'type' | 'text' | 'template' | 'tag'>,
): Promise<SendResult> {
  if (conversation.channel === 'whatsapp') {
    const answer = await graphRequest<{ messages?: { id: string }[] }>(options, {
      method: 'POST',
      path: `/${channelExternalId}/messages`,
      token,
      body: whatsappBody(conversation.contactId, message),
    })
    return { metaId: String(answer.messages?.[0]?.id ?? '') }
  }
  const answer = await graphRequest<{ message_id?: string }>(options, { method: 'POST', path: `/${channelExternalId}/messages`, token, body: messengerBody(conversation.contactId, message) })
  return { metaId: String(answer.message_id ?? '') }
}
