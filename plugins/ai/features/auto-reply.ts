import type { PayloadRequest } from 'payload'

import type { AiSetting, Conversation, Message } from '../../../payload-types'
import { hostOf } from '../options'
import { conversationOf, inTenant, settingsOf } from '../prompt/grounding'
import { clip } from './clip'
import { featureOn, recordAnswer, runFeature, unavailable, type FeatureResult } from './run'

export const AUTO_REPLY_TASK = 'aiAutoReply'
const DAY_MS = 24 * 3_600_000
/** A customer asking for a person, in English or Bangla. */
const ASKS_FOR_PERSON = /\b(human|person|agent|operator|representative|real someone|someone real)\b|মানুষ|এজেন্ট|প্রতিনিধি/i
const TOPIC_WORDS: Record<string, string> = { price: 'price', stock: 'stock', 'delivery-status': 'delivery status' }

const idOf = (value: unknown): null | string => (value && typeof value === 'object' ? idOf((value as { id: unknown }).id) : typeof value === 'string' && value ? value : null)

export type AutoReplyOutcome = { outcome: 'sent'; message: string } | { outcome: 'handoff'; reason: string } | { outcome: 'skipped'; reason: string }

/** Whether the auto-reply is on for the page or number this conversation arrives on. */
export function optedIn(settings: Partial<AiSetting>, conversation: Pick<Conversation, 'channel' | 'number' | 'page'>): boolean {
  if (!featureOn(settings, 'auto-reply')) return false
  const channel = conversation.channel === 'whatsapp' ? idOf(conversation.number) : idOf(conversation.page)
  const list = (conversation.channel === 'whatsapp' ? settings.autoReply?.numbers : settings.autoReply?.pages) ?? []
  return Boolean(channel) && list.some((c) => idOf(c) === channel)
}

/**
 * After the inbox stored a customer's message (the meta plugin's `inbound.after`, filled by the
 * host): queue the auto-reply job, in the same transaction, when this shop has the auto-reply on
 * for the page or number. One read of the settings; nothing else on the webhook's hot path.
 */
export async function queueAutoReply(req: PayloadRequest, event: { tenantId: string; conversationId: string; messageId: string }): Promise<void> {
  const settings = await settingsOf(req, event.tenantId)
  if (!featureOn(settings, 'auto-reply')) return
  const { docs } = await req.payload.find({ collection: 'conversations', where: inTenant(event.tenantId, { id: { equals: event.conversationId } }), limit: 1, depth: 0, overrideAccess: true, req })
  if (!docs[0] || !optedIn(settings, docs[0])) return
  await req.payload.jobs.queue({ task: AUTO_REPLY_TASK, input: event, req })
  const options = hostOf(req)
  if (options.runJobsAfterMs > 0) options.jobs.kickJobs(req.payload, options.runJobsAfterMs)
}

/** Hand the conversation to a person: assign it (when unassigned and the settings name someone) and email the tenant-admins. */
async function handOff(req: PayloadRequest, tenantId: string, settings: Partial<AiSetting>, conversation: Conversation, reason: string): Promise<AutoReplyOutcome> {
  const options = hostOf(req)
  const to = idOf(settings.autoReply?.handoffTo)
  if (to && !conversation.assignee) {
    await options.db
      .withTransaction(req, () => req.payload.update({ collection: 'conversations', id: conversation.id, data: { assignee: to }, overrideAccess: true, depth: 0, req }))
      .catch((error: unknown) => {
        req.payload.logger.warn({ conversation: conversation.id, error: String(error) }, 'auto-reply hand-off: could not assign')
      })
  }
  const admins = await options.tenancy.tenantAdmins(req, tenantId)
  for (const admin of admins) {
    await options.tenancy
      .sendShopEmail(req.payload, {
        tenantId,
        to: admin.email,
        subject: `A customer needs a person: ${conversation.contactName ?? conversation.contactId}`,
        heading: 'Handed off by the assistant',
        paragraphs: [`The assistant did not answer ${conversation.contactName ?? conversation.contactId} itself: ${reason}.`, 'Open the conversation in the inbox to answer.'],
      })
      .catch((error: unknown) => req.payload.logger.warn({ error: String(error) }, 'auto-reply hand-off email failed'))
  }
  req.payload.logger.info({ tenantId, conversation: conversation.id, reason }, `auto-reply handed off: ${reason}`)
  return { outcome: 'handoff', reason }
}

/**
 * The auto-reply for one stored customer message (the `aiAutoReply` tenant job): hand-off rules
 * first (a hand-off keyword, a request for a person, a message older than 24 hours — the assistant
 * never answers outside the window, where only approved templates may go), then whether the shop
 * lets it answer now (outside business hours, or a price / stock / delivery question), then the
 * model, which says HANDOFF when it is not sure. The reply goes through the inbox's own send path
 * (window rules, message quota); a refusal there is a hand-off too.
 */
export async function autoReply(req: PayloadRequest, input: { tenantId: string; conversationId: string; messageId: string }): Promise<AutoReplyOutcome> {
  const { tenantId } = input
  const options = hostOf(req)
  const settings = await settingsOf(req, tenantId)
  const conversation = await conversationOf(req, tenantId, input.conversationId)
  if (!optedIn(settings, conversation)) return { outcome: 'skipped', reason: 'auto-reply is off for this page or number' }
  const refusal = await unavailable(req, tenantId, settings, 'auto-reply')
  if (refusal) return { outcome: 'skipped', reason: refusal.message }
  const { docs } = await req.payload.find({ collection: 'messages', where: inTenant(tenantId, { id: { equals: input.messageId } }), limit: 1, depth: 0, overrideAccess: true, req })
  const message = docs[0] as Message | undefined
  if (!message || message.direction !== 'inbound') return { outcome: 'skipped', reason: 'no such customer message' }
  const newer = await req.payload.count({
    collection: 'messages',
    where: inTenant(tenantId, { conversation: { equals: conversation.id } }, { createdAt: { greater_than: message.createdAt } }),
    overrideAccess: true,
    req,
  })
  if (newer.totalDocs > 0) return { outcome: 'skipped', reason: 'the conversation moved on (answered, or the customer wrote again)' }

  const text = message.text ?? ''
  const keyword = (settings.handoffKeywords ?? []).find((k) => k.trim() && text.toLowerCase().includes(k.trim().toLowerCase()))
  if (keyword) return handOff(req, tenantId, settings, conversation, `the message contains the hand-off keyword “${keyword}”`)
  if (ASKS_FOR_PERSON.test(text)) return handOff(req, tenantId, settings, conversation, 'the customer asked for a person')
  const sentAt = new Date(message.sentAt ?? message.createdAt).getTime()
  if (Date.now() - sentAt > DAY_MS) return handOff(req, tenantId, settings, conversation, 'the message is older than 24 hours, when only an approved template may be sent')

  const shop = await options.tenancy.shopFacts(req, tenantId)
  const when = settings.autoReply?.when ?? ['outside-hours', 'price', 'stock', 'delivery-status']
  const outside = when.includes('outside-hours') && options.tenancy.isOutsideHours(shop.businessHours, shop.timezone)
  const allowedTopics = outside ? ['any question about the shop, its products and delivery'] : when.filter((w) => w !== 'outside-hours').map((w) => TOPIC_WORDS[w])
  if (allowedTopics.length === 0) return { outcome: 'skipped', reason: 'within business hours, the shop answers itself' }

  const run = { feature: 'auto-reply' as const, tenantId, conversationId: conversation.id, tools: true, allowedTopics, settings }
  let result: FeatureResult
  try {
    result = await runFeature(req, run)
  } catch (error) {
    // The month's AI requests used up, or the provider failing after its retries: nothing is sent, a person answers.
    return handOff(req, tenantId, settings, conversation, `the assistant could not answer (${(error as Error).message})`)
  }
  const answer = result.text.trim()
  if (!answer || /^HANDOFF\b/.test(answer)) {
    const reason = 'the assistant was not confident it could answer from the shop’s data'
    await recordAnswer(req, run, result, 'handoff', undefined, reason)
    return handOff(req, tenantId, settings, conversation, reason)
  }
  try {
    const sent = await options.db.withTransaction(req, () =>
      req.payload.create({
        collection: 'messages',
        data: { tenant: tenantId, conversation: conversation.id, direction: 'outbound', type: 'text', text: clip(answer, result.maxChars) },
        overrideAccess: true,
        depth: 0,
        req,
      }),
    )
    await recordAnswer(req, run, result, 'ok', String(sent.id))
    return { outcome: 'sent', message: String(sent.id) }
  } catch (error) {
    const reason = `the inbox refused the reply (${(error as Error).message})`
    await recordAnswer(req, run, result, 'handoff', undefined, reason)
    return handOff(req, tenantId, settings, conversation, reason)
  }
}
