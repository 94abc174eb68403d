import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fbMessage, waMessage, waStatus, type FakeGraph } from '../fakes/meta'
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp'
import { api } from './helpers/api'
import { routeEmailTo } from './helpers/email'
import { asSystem, createPlan } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { inboxOf, metaShop, postWebhook, startMetaWorld, type MetaShop } from './helpers/meta'

const HOUR = 3_600_000

/**
 * Replies from the inbox (plugins/meta/send): the 24-hour window, the send through Graph in a
 * job, delivery statuses by webhook, a refused token, rate limits retried, the message quota.
 */
describe('Meta sending', () => {
  let payload: Payload
  let graph: FakeGraph
  let smtp: FakeSmtp
  let restoreEmail: () => void
  let shop: MetaShop

  beforeAll(async () => {
    ;({
      payload,
      graph,
      shops: [shop],
    } = await startMetaWorld(1))
    smtp = await startFakeSmtp()
    restoreEmail = await routeEmailTo(payload, smtp.url)
  })
  afterAll(async () => {
    restoreEmail()
    await smtp.close()
    await graph.close()
  })

  /** A conversation opened by the customer's message `agoMs` ago. */
  async function conversationWith(s: MetaShop, from: string, agoMs = 60_000, channel: 'whatsapp' | 'messenger' = 'whatsapp') {
    const at = Date.now() - agoMs
    const delivery =
      channel === 'whatsapp'
        ? waMessage({ wabaId: s.number.wabaId, phoneNumberId: s.number.phoneNumberId, from, text: 'hi', timestamp: Math.floor(at / 1000) })
        : fbMessage({ pageId: s.page.pageId, psid: from, text: 'hi', timestamp: at })
    expect((await postWebhook(delivery)).status).toBe(200)
    await drainQueue(payload)
    return (await inboxOf(payload, s.tenant.id)).conversations.find((c) => c.contactId === from)!
  }
  const reply = (s: MetaShop, body: Record<string, unknown>) => api('POST', '/messages', { token: s.token, body })
  const message = async (id: string) => asSystem(() => payload.findByID({ collection: 'messages', id, overrideAccess: true, depth: 0 }))

  it('sends a text reply inside the window through the number, and records Meta’s id', async () => {
    const conversation = await conversationWith(shop, '8801744000001')
    const res = await reply(shop, { conversation: conversation.id, type: 'text', text: 'Your order ships today' })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ direction: 'outbound', status: 'pending' })
    expect(res.body.doc.sentBy?.id ?? res.body.doc.sentBy).toBe(shop.admin.id)
    await drainQueue(payload)
    const sent = graph.sent.find((m) => m.text === 'Your order ships today')!
    expect(sent).toMatchObject({ channel: 'whatsapp', from: shop.number.phoneNumberId, to: '8801744000001', type: 'text' })
    const stored = await message(res.body.doc.id)
    expect(stored).toMatchObject({ status: 'sent', metaId: sent.id })
    const after = (await inboxOf(payload, shop.tenant.id)).conversations.find((c) => c.id === conversation.id)!
    expect(after.lastMessagePreview).toBe('Your order ships today')
    expect(after.unreadCount).toBe(0)
  })

  it('moves the status forward with status webhooks, never backwards, and keeps a failure’s code', async () => {
    const conversation = await conversationWith(shop, '8801744000002')
    const res = await reply(shop, { conversation: conversation.id, type: 'text', text: 'status test' })
    await drainQueue(payload)
    const { metaId } = await message(res.body.doc.id)
    const status = (s: 'sent' | 'delivered' | 'read' | 'failed', extra = {}) =>
      postWebhook(waStatus({ wabaId: shop.number.wabaId, phoneNumberId: shop.number.phoneNumberId, id: metaId!, status: s, recipientId: '8801744000002', ...extra }))
    await status('read')
    await status('delivered') // late, out of order
    await drainQueue(payload)
    expect(await message(res.body.doc.id)).toMatchObject({ status: 'read' })
    expect((await message(res.body.doc.id)).deliveredAt).toBeTruthy()

    const second = await reply(shop, { conversation: conversation.id, type: 'text', text: 'will fail' })
    await drainQueue(payload)
    const failedId = (await message(second.body.doc.id)).metaId!
    await postWebhook(
      waStatus({
        wabaId: shop.number.wabaId,
        phoneNumberId: shop.number.phoneNumberId,
        id: failedId,
        status: 'failed',
        recipientId: '8801744000002',
        errors: [{ code: 131026, title: 'Message undeliverable', details: 'Receiver is not on WhatsApp' }],
      }),
    )
    await drainQueue(payload)
    expect(await message(second.body.doc.id)).toMatchObject({ status: 'failed', error: { code: 131026, title: 'Message undeliverable', details: 'Receiver is not on WhatsApp' } })
  })

  it('refuses free-form WhatsApp text after 24 hours with a message that says to use a template', async () => {
    const conversation = await conversationWith(shop, '8801744000003', 25 * HOUR)
    const res = await reply(shop, { conversation: conversation.id, type: 'text', text: 'too late' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/24 hours.*template/i)
    expect((await inboxOf(payload, shop.tenant.id)).messages.some((m) => m.text === 'too late')).toBe(false)
  })

  it('sends an approved template outside the window, and refuses one that is not approved', async () => {
    const conversation = await conversationWith(shop, '8801744000004', 30 * HOUR)
    graph.addTemplate(shop.number.wabaId, { name: 'order_update', language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi {{1}}, order {{2}} ships' }] })
    graph.addTemplate(shop.number.wabaId, { name: 'promo', language: 'en_US', status: 'PENDING', category: 'MARKETING', components: [{ type: 'BODY', text: 'Sale!' }] })
    expect((await api('POST', '/message-templates/sync', { token: shop.token, body: { number: shop.number.id } })).status).toBe(200)

    const ok = await reply(shop, { conversation: conversation.id, type: 'template', template: { name: 'order_update', language: 'en_US', parameters: ['Rahim', 'ORD-7'] } })
    expect(ok.status).toBe(201)
    await drainQueue(payload)
    const sent = graph.sent.find((m) => m.template?.name === 'order_update')!
    expect(sent.to).toBe('8801744000004')
    expect(JSON.stringify(sent.template!.components)).toContain('ORD-7')
    expect(await message(ok.body.doc.id)).toMatchObject({ status: 'sent' })

    const pending = await reply(shop, { conversation: conversation.id, type: 'template', template: { name: 'promo', language: 'en_US' } })
    expect(pending.status).toBe(400)
    expect(JSON.stringify(pending.body)).toMatch(/PENDING/)
  })

  it('enforces Messenger’s window: 24 hours, then only a person with the HUMAN_AGENT tag up to 7 days', async () => {
    const fresh = await conversationWith(shop, '6100000001', 60_000, 'messenger')
    expect((await reply(shop, { conversation: fresh.id, type: 'text', text: 'fb reply' })).status).toBe(201)
    const stale = await conversationWith(shop, '6100000002', 2 * 24 * HOUR, 'messenger')
    const refused = await reply(shop, { conversation: stale.id, type: 'text', text: 'fb late' })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toMatch(/HUMAN_AGENT/)
    expect((await reply(shop, { conversation: stale.id, type: 'text', text: 'fb human', tag: 'HUMAN_AGENT' })).status).toBe(201)
    const gone = await conversationWith(shop, '6100000003', 8 * 24 * HOUR, 'messenger')
    expect((await reply(shop, { conversation: gone.id, type: 'text', text: 'fb gone', tag: 'HUMAN_AGENT' })).status).toBe(400)
    await drainQueue(payload)
    expect(graph.sent.find((m) => m.text === 'fb reply')).toMatchObject({ channel: 'messenger', to: '6100000001', messagingType: 'RESPONSE' })
    expect(graph.sent.find((m) => m.text === 'fb human')).toMatchObject({ messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })
  })

  it('retries a rate-limited send with backoff in the job until Graph accepts it', async () => {
    const conversation = await conversationWith(shop, '8801744000005')
    graph.failNext({ method: 'POST', path: /\/messages$/ }, { status: 429, code: 130429, message: '(#130429) Rate limit hit' }, 1)
    const res = await reply(shop, { conversation: conversation.id, type: 'text', text: 'after the rate limit' })
    await drainQueue(payload)
    expect(await message(res.body.doc.id)).toMatchObject({ status: 'sent' })
    const attempts = graph.calls.filter((c) => c.method === 'POST' && c.body?.text?.body === 'after the rate limit')
    expect(attempts).toHaveLength(2)
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1_500)
  }, 60_000)

  it('fails a message with Graph’s code when Graph refuses it outright', async () => {
    const conversation = await conversationWith(shop, '8801744000006')
    graph.failNext({ method: 'POST', path: /\/messages$/ }, { status: 400, code: 131047, message: '(#131047) Re-engagement message', details: 'More than 24 hours have passed' }, 1)
    const res = await reply(shop, { conversation: conversation.id, type: 'text', text: 'refused by Meta' })
    await drainQueue(payload)
    expect(await message(res.body.doc.id)).toMatchObject({ status: 'failed', error: { code: 131047, details: 'More than 24 hours have passed' } })
  })

  it('on a refused token (190) marks the number disconnected, emails its admins once, and stops sending', async () => {
    const other = await metaShop(payload, graph)
    const conversation = await conversationWith(other, '8801744000007')
    graph.revokeToken(other.number.token)
    const first = await reply(other, { conversation: conversation.id, type: 'text', text: 'token gone' })
    const second = await reply(other, { conversation: conversation.id, type: 'text', text: 'token gone again' })
    await drainQueue(payload)
    expect(await message(first.body.doc.id)).toMatchObject({ status: 'failed', error: { code: 190 } })
    const number = await asSystem(() => payload.findByID({ collection: 'numbers', id: other.number.id, overrideAccess: true }))
    expect(number.status).toBe('disconnected')
    const mails = await smtp.waitFor(1)
    const mail = mails.find((m) => String(m.subject).includes('Reconnect'))!
    expect(JSON.stringify(mail.to)).toContain(other.admin.email)
    expect(mail.text).toContain(other.number.phoneNumberId)
    await new Promise((r) => setTimeout(r, 300))
    expect(smtp.messages.filter((m) => String(m.subject).includes('Reconnect'))).toHaveLength(1)
    expect((await message(second.body.doc.id)).status).toBe('failed')
    const refused = await reply(other, { conversation: conversation.id, type: 'text', text: 'after disconnect' })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toMatch(/disconnected/)
    expect(shop.number.id).not.toBe(other.number.id)
    expect((await asSystem(() => payload.findByID({ collection: 'numbers', id: shop.number.id, overrideAccess: true }))).status).toBe('connected')
  })

  it('counts each outbound message against the monthly message quota and refuses past it (403)', async () => {
    const plan = await createPlan(payload, { monthlyMessages: 2 })
    const limited = await metaShop(payload, graph, { plan: plan.id })
    const conversation = await conversationWith(limited, '8801744000008')
    expect((await reply(limited, { conversation: conversation.id, type: 'text', text: 'one' })).status).toBe(201)
    expect((await reply(limited, { conversation: conversation.id, type: 'text', text: 'two' })).status).toBe(201)
    const third = await reply(limited, { conversation: conversation.id, type: 'text', text: 'three' })
    expect(third.status).toBe(403)
    expect(third.body).toMatchObject({ error: 'quota_exceeded', limit: 'monthlyMessages', used: 2, max: 2 })
    expect((await inboxOf(payload, limited.tenant.id)).messages.filter((m) => m.direction === 'outbound')).toHaveLength(2)
  })
})
