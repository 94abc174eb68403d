import { invalidParam, type Reply } from './graph-errors'
import type { LeadRecord, PageRecord, ProfileRecord, RequestContext } from './graph-types'
import { charCount, isObject } from './graph-types'
import { randomMid } from './ids'

/** Messenger Platform / Pages / Lead Ads endpoints (integrations.md §2.1–§2.3). */

const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG']
const SENDER_ACTIONS = ['typing_on', 'typing_off', 'mark_seen']
/** Tags Meta retired (error 100). */
const RETIRED_TAGS = ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE']

/** `GET /{page_id}` and `GET /me` with a page token. */
export function pageNode(page: PageRecord): Reply {
  return { status: 200, body: { id: page.pageId, name: page.name } }
}

/** `POST /{page_id}/subscribed_apps`. */
export function subscribeApp(): Reply {
  return { status: 200, body: { success: true } }
}

/** `POST /me/messages` or `POST /{page_id}/messages` — Send API. */
export function messengerSend(ctx: RequestContext, page: PageRecord): Reply {
  const p = ctx.params
  const recipient = p.recipient
  const recipientId = isObject(recipient) ? recipient.id : undefined
  if (!isObject(recipient)) return invalidParam('The parameter recipient is required')
  if ((typeof recipientId !== 'string' && typeof recipientId !== 'number') || String(recipientId) === '') {
    return invalidParam('param recipient[id] must be a non-empty UTF-8 encoded string')
  }
  const to = String(recipientId)

  if (p.sender_action !== undefined) {
    if (p.message !== undefined) return invalidParam('sender_action cannot be sent with message')
    if (!SENDER_ACTIONS.includes(p.sender_action)) return invalidParam(`Param sender_action must be one of {${SENDER_ACTIONS.join(', ')}}`)
    return { status: 200, body: { recipient_id: to } }
  }

  const messagingType = p.messaging_type
  if (messagingType === undefined) return invalidParam('The parameter messaging_type is required')
  if (!MESSAGING_TYPES.includes(messagingType)) return invalidParam(`Param messaging_type must be one of {${MESSAGING_TYPES.join(', ')}}`)
  const tag = p.tag
  if (tag !== undefined && typeof tag !== 'string') return invalidParam('Param tag must be a string')
  if (messagingType === 'MESSAGE_TAG' && !tag) return invalidParam('The parameter tag is required for messaging_type MESSAGE_TAG')
  if (tag && RETIRED_TAGS.includes(tag)) return invalidParam(`The message tag ${tag} is no longer supported`)

  const message = p.message
  if (!isObject(message)) return invalidParam('The parameter message is required')
  const hasText = message.text !== undefined
  const hasAttachment = message.attachment !== undefined
  if (hasText && hasAttachment) return invalidParam('Only one of text or attachment can be specified')
  let type: string
  if (hasText) {
    if (typeof message.text !== 'string' || message.text === '') return invalidParam('param message[text] must be a non-empty UTF-8 encoded string')
    if (charCount(message.text) >= 2000) return invalidParam('param message[text] must be UTF-8 encoded and less than 2000 characters')
    type = 'text'
  } else if (hasAttachment) {
    if (!isObject(message.attachment) || typeof message.attachment.type !== 'string') return invalidParam('param message[attachment][type] is required')
    type = message.attachment.type
  } else {
    return invalidParam('Message must contain text or attachment')
  }

  const id = randomMid()
  ctx.state.sent.push({
    channel: 'messenger',
    from: page.pageId,
    to,
    type,
    ...(hasText ? { text: message.text as string } : {}),
    ...(tag ? { tag } : {}),
    messagingType,
    id,
    raw: p,
  })
  return { status: 200, body: { recipient_id: to, message_id: id } }
}

/** `GET /{leadgen_id}` — always the full node, whatever `fields` asks. */
export function leadNode(lead: LeadRecord): Reply {
  return {
    status: 200,
    body: {
      id: lead.leadgenId,
      created_time: lead.createdTime,
      ...(lead.adId !== undefined ? { ad_id: lead.adId } : {}),
      form_id: lead.formId,
      field_data: lead.fieldData,
    },
  }
}

/** `GET /{psid}` with the page's token: the user profile (first_name, last_name, name). */
export function profileNode(p: ProfileRecord): Reply {
  return { status: 200, body: { id: p.psid, first_name: p.firstName, last_name: p.lastName, name: `${p.firstName} ${p.lastName}`.trim() } }
}
