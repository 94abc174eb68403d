import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Conversation, Message } from '../../payload-types'
import { randomWamid, waMessage, type FakeGraph } from '../fakes/meta'
import { api, graphql, login } from './helpers/api'
import { asSystem, createStaff, createSuperAdmin, PASSWORD } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { inboxOf, postWebhook, startMetaWorld, type MetaShop } from './helpers/meta'

/**
 * Issue 13: what the platform maintains on conversations (unread count, last message, channel
 * keys, the reply window) and messages (direction, status, Meta's id, timestamps, author) cannot
 * be written by staff — REST, GraphQL or the Local API as a user: the write is ignored (or
 * refused) and the stored value stays; the plugin's own writes still keep them.
 */
describe('Meta system fields', () => {
  let payload: Payload
  let graph: FakeGraph
  let shop: MetaShop
  let other: MetaShop
  let agent: string
  let marketing: string
  let root: string
  let conversation: Conversation
  let inbound: Message

  const SYSTEM = ['channel', 'number', 'page', 'contactId', 'contactName', 'channelKey', 'unreadCount', 'lastMessagePreview', 'lastMessageAt', 'lastInboundAt'] as const
  const pick = (doc: object, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, (doc as Record<string, unknown>)[k] ?? null]))
  const stored = async () => (await inboxOf(payload, shop.tenant.id)).conversations.find((c) => c.id === conversation.id)!
  const storedMessage = async (id: string) => (await inboxOf(payload, shop.tenant.id)).messages.find((m) => m.id === id)!
  const forged = () => ({
    channel: 'messenger',
    number: other.number.id,
    page: other.page.id,
    contactId: '8801999999999',
    contactName: 'Forged',
    channelKey: 'forged:key',
    unreadCount: 99,
    lastMessagePreview: 'forged preview',
    lastMessageAt: new Date(Date.now() + 86_400_000).toISOString(),
    lastInboundAt: new Date().toISOString(),
  })

  beforeAll(async () => {
    ;({
      payload,
      graph,
      shops: [shop, other],
    } = await startMetaWorld(2))
    agent = await login((await createStaff(payload, shop.tenant, 'support-agent')).email, PASSWORD)
    marketing = await login((await createStaff(payload, shop.tenant, 'marketing-manager')).email, PASSWORD)
    root = await login((await createSuperAdmin(payload)).email, PASSWORD)
    // A customer wrote two days ago: the 24-hour window is closed.
    const at = Math.floor((Date.now() - 2 * 86_400_000) / 1000)
    await postWebhook(waMessage({ wabaId: shop.number.wabaId, phoneNumberId: shop.number.phoneNumberId, from: '8801777000001', text: 'old question', timestamp: at, id: randomWamid() }))
    await drainQueue(payload)
    const inbox = await inboxOf(payload, shop.tenant.id)
    conversation = inbox.conversations[0]!
    inbound = inbox.messages[0]!
    expect(conversation).toMatchObject({ unreadCount: 1, lastMessagePreview: 'old question' })
  })
  afterAll(() => graph.close())

  it('ignores conversation system fields in a REST PATCH by a tenant-admin and a support-agent, keeping what they may change', async () => {
    const before = pick(await stored(), SYSTEM)
    const admin = await api('PATCH', `/conversations/${conversation.id}`, { token: shop.token, body: { ...forged(), status: 'closed' } })
    expect(admin.status).toBe(200)
    const limited = await api('PATCH', `/conversations/${conversation.id}`, { token: agent, body: { ...forged(), assignee: null } })
    expect(limited.status).toBe(200)
    const after = await stored()
    expect(pick(after, SYSTEM)).toEqual(before)
    expect(after.status).toBe('closed')
  })

  it('ignores them over GraphQL and the Local API as a user too', async () => {
    const before = pick(await stored(), SYSTEM)
    const { channel: _channel, ...data } = forged()
    const res = await graphql('mutation($id: String!, $data: mutationConversationUpdateInput!) { updateConversation(id: $id, data: $data) { id unreadCount lastInboundAt } }', {
      token: shop.token,
      variables: { id: conversation.id, data: { ...data, channel: 'messenger', status: 'open' } },
    })
    expect(res.body.errors ?? []).toEqual([])
    const user = (await asSystem(() => payload.findByID({ collection: 'users', id: shop.admin.id, overrideAccess: true }))) as never
    await payload.update({ collection: 'conversations', id: conversation.id, data: forged() as never, user, overrideAccess: false })
    expect(pick(await stored(), SYSTEM)).toEqual(before)
    expect((await stored()).status).toBe('open')
  })

  it('keeps the reply window closed: a forged lastInboundAt does not allow a free-form reply', async () => {
    await api('PATCH', `/conversations/${conversation.id}`, { token: shop.token, body: { lastInboundAt: new Date().toISOString() } })
    const reply = await api('POST', '/messages', { token: shop.token, body: { conversation: conversation.id, type: 'text', text: 'inside the window?' } })
    expect(reply.status).toBe(400)
    expect(JSON.stringify(reply.body)).toMatch(/24 hours/)
  })

  it('marks a conversation read only through POST /conversations/:id/read, for roles that may update it', async () => {
    expect((await stored()).unreadCount).toBe(1)
    expect((await api('POST', `/conversations/${conversation.id}/read`, { token: marketing })).status).toBe(403)
    expect((await api('POST', `/conversations/${conversation.id}/read`, { token: other.token })).status).toBe(404)
    const read = await api('POST', `/conversations/${conversation.id}/read`, { token: agent })
    expect(read.status).toBe(200)
    expect(read.body.doc).toMatchObject({ id: conversation.id, unreadCount: 0 })
    expect((await stored()).unreadCount).toBe(0)
    // The plugin still counts new messages.
    await postWebhook(waMessage({ wabaId: shop.number.wabaId, phoneNumberId: shop.number.phoneNumberId, from: '8801777000001', text: 'new question' }))
    await drainQueue(payload)
    expect(await stored()).toMatchObject({ unreadCount: 1, lastMessagePreview: 'new question' })
  })

  // The customer wrote again just now (the test before): replies are inside the window.
  it('ignores message system fields on create (REST, GraphQL) and on update, even by the super-admin', async () => {
    const forgedMessage = {
      direction: 'inbound',
      status: 'delivered',
      metaId: 'wamid.FORGED',
      sentAt: '2020-01-01T00:00:00.000Z',
      readAt: '2020-01-01T00:00:00.000Z',
      sentBy: other.admin.id,
      error: { code: 1, title: 'x' },
      attachment: { forged: true },
    }
    const created = await api('POST', '/messages', { token: agent, body: { conversation: conversation.id, type: 'text', text: 'a reply', ...forgedMessage } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const viaGraphql = await graphql('mutation($data: mutationMessageInput!) { createMessage(data: $data) { id } }', {
      token: shop.token,
      variables: { data: { conversation: conversation.id, type: 'text', text: 'another reply', ...forgedMessage } },
    })
    expect(viaGraphql.body.errors ?? []).toEqual([])
    await drainQueue(payload)
    for (const id of [created.body.doc.id, viaGraphql.body.data.createMessage.id]) {
      const message = await storedMessage(id)
      expect(message).toMatchObject({ direction: 'outbound', status: 'sent', readAt: null, attachment: null })
      expect(message.metaId).toMatch(/^wamid\./)
      expect(message.metaId).not.toBe('wamid.FORGED')
      expect(message.sentBy).not.toBe(other.admin.id)
    }
    // Staff may not update messages at all; the super-admin may, but not their system fields.
    expect((await api('PATCH', `/messages/${inbound.id}`, { token: shop.token, body: { status: 'read' } })).status).toBe(403)
    const before = await storedMessage(inbound.id)
    const patched = await api('PATCH', `/messages/${inbound.id}`, { token: root, body: { ...forgedMessage, conversation: other.number.id, text: 'edited by support' } })
    expect(patched.status).toBe(200)
    const after = await storedMessage(inbound.id)
    expect(after.text).toBe('edited by support')
    expect(pick(after, ['direction', 'status', 'metaId', 'sentAt', 'readAt', 'sentBy', 'attachment', 'conversation'])).toEqual(
      pick(before, ['direction', 'status', 'metaId', 'sentAt', 'readAt', 'sentBy', 'attachment', 'conversation']),
    )
  })

  it('ignores a page’s or number’s status, verification, quality and check in a staff write', async () => {
    const before = await asSystem(() => payload.findByID({ collection: 'numbers', id: shop.number.id, overrideAccess: true }))
    const forgedChannel = { status: 'disconnected', verifiedAt: null, qualityRating: 'RED', messagingTier: 'TIER_UNLIMITED', connection: { ok: false, message: 'forged', checkedAt: null } }
    expect((await api('PATCH', `/numbers/${shop.number.id}`, { token: shop.token, body: forgedChannel })).status).toBe(200)
    await graphql(`mutation { updateNumber(id: "${shop.number.id}", data: { status: disconnected, qualityRating: RED }) { id } }`, { token: shop.token })
    const after = await asSystem(() => payload.findByID({ collection: 'numbers', id: shop.number.id, overrideAccess: true }))
    expect(pick(after, ['status', 'verifiedAt', 'qualityRating', 'messagingTier', 'connection'])).toEqual(pick(before, ['status', 'verifiedAt', 'qualityRating', 'messagingTier', 'connection']))
  })
})
