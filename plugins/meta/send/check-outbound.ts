import { ValidationError, type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import type { Conversation } from '../../../payload-types'
import { INBOUND_WRITE } from '../context'
import { idOf, idOf as tenantIdOf } from '../ids'
import { hostOf } from '../options'
import { windowRefusal } from './window'

const refuse = (req: PayloadRequest, path: string, message: string): never => {
  throw new ValidationError({ collection: 'messages', errors: [{ path, message }], req })
}

/** The approved template of the conversation's number, or a 400 that says what is missing. */
async function requireApprovedTemplate(req: PayloadRequest, conversation: Conversation, wabaId: string, name: string, language: string) {
  const { docs } = await req.payload.find({
    collection: 'message-templates',
    where: { and: [{ tenant: { equals: tenantIdOf(conversation.tenant) } }, { wabaId: { equals: wabaId } }, { name: { equals: name } }, { language: { equals: language } }] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
  })
  const template = docs[0]
  if (!template) refuse(req, 'template.name', `No template “${name}” (${language}) for this number: sync or create it first.`)
  if (template.status !== 'APPROVED') refuse(req, 'template.name', `Template “${name}” (${language}) is ${template.status ?? 'not submitted'}; only approved templates can be sent.`)
}

/**
 * Before an outbound message is stored: only text or an approved template, the channel
 * connected, the 24-hour window (window.ts), then one unit of the monthly message quota (403
 * `quota_exceeded` when used up). The status and ids are the system's: a caller's are replaced.
 * The send itself is queued after the write (queue-send.ts).
 */
export const checkOutbound: CollectionBeforeChangeHook = async ({ data, operation, req, context }) => {
  if (operation !== 'create' || context?.[INBOUND_WRITE] === true) return data
  const { quotas, tenancy } = hostOf(req)
  Object.assign(data, {
    direction: 'outbound',
    status: 'pending',
    metaId: null,
    error: { code: null, title: null, details: null },
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    attachment: null,
  })
  // The author, when staff of the tenant (the super-admin is nobody's staff); only the system's
  // own writes (automations) name a rule.
  data.sentBy = req.user?.collection === 'users' && tenancy.roleIn(req.user, tenantIdOf(data.tenant)) ? req.user.id : null
  if (req.user) data.automation = null

  const type = data.type ?? 'text'
  if (type !== 'text' && type !== 'template') refuse(req, 'type', 'Only text and template messages can be sent from here.')
  if (type === 'text' && !(typeof data.text === 'string' && data.text.trim())) refuse(req, 'text', 'Write the message first.')
  if (type === 'template' && !data.template?.name) refuse(req, 'template.name', 'Choose the template to send.')

  const conversationId = idOf(data.conversation)
  if (!conversationId) return data // Payload's own required check answers
  const conversation = await req.payload.findByID({ collection: 'conversations', id: conversationId, depth: 0, overrideAccess: true, req, disableErrors: true })
  if (!conversation) return data // the relationship validation answers
  if (tenantIdOf(conversation.tenant) !== tenantIdOf(data.tenant)) return data // sameTenantRelations answers
  if (type === 'text' && conversation.channel === 'messenger' && data.text.length >= 2000) refuse(req, 'text', 'Messenger messages are shorter than 2000 characters.')

  const kind = conversation.channel === 'whatsapp' ? 'numbers' : 'pages'
  const channelId = idOf(conversation.channel === 'whatsapp' ? conversation.number : conversation.page)
  const channel = channelId ? await req.payload.findByID({ collection: kind, id: channelId, depth: 0, overrideAccess: true, req, disableErrors: true }) : null
  if (!channel) refuse(req, 'conversation', 'This conversation’s page or number no longer exists.')
  if (!channel!.verifiedAt) {
    refuse(req, 'conversation', `The ${kind === 'numbers' ? 'WhatsApp number' : 'Facebook page'} is not verified: press “Test connection” on it (Meta must confirm its token controls it), then send again.`)
  }
  if (channel!.status === 'disconnected') {
    refuse(req, 'conversation', `The ${kind === 'numbers' ? 'WhatsApp number' : 'Facebook page'} is disconnected (its token was refused): give it a new token, then send again.`)
  }

  const reason = windowRefusal(conversation.channel, conversation.lastInboundAt ? new Date(conversation.lastInboundAt) : null, { type, tag: data.tag })
  if (reason) refuse(req, type === 'template' ? 'type' : 'text', reason)
  if (conversation.channel !== 'messenger') data.tag = null
  if (type === 'template') await requireApprovedTemplate(req, conversation, (channel as { wabaId: string }).wabaId, data.template.name, data.template.language || 'en_US')

  await quotas.consume(req, tenantIdOf(data.tenant)!, 'monthlyMessages', 1)
  return data
}
