import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Automation, Tenant } from '../../payload-types'
import { waMessage, type FakeGraph } from '../fakes/meta'
import { api } from './helpers/api'
import { asSystem, createPlan, createStaff } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { inboxOf, metaShop, postWebhook, startMetaWorld, type MetaShop } from './helpers/meta'
import { isOutsideHours } from '../../plugins/meta'

/** Each shop's automation rules on its own inbound messages (plugins/meta/automations). */
describe('Meta automations', () => {
  let payload: Payload
  let graph: FakeGraph
  let a: MetaShop
  let b: MetaShop
  let contact = 8801755000000

  beforeAll(async () => {
    ;({
      payload,
      graph,
      shops: [a, b],
    } = await startMetaWorld(2))
  })
  afterAll(() => graph.close())
  const startMetaShops = async (n: number, data: Partial<Tenant>) => Promise.all(Array.from({ length: n }, () => metaShop(payload, graph, data)))

  const rule = async (shop: MetaShop, data: Partial<Automation>) => {
    const res = await api('POST', '/automations', { token: shop.token, body: { name: 'rule', ...data } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.doc as Automation
  }
  const disableAll = async () => asSystem(() => payload.update({ collection: 'automations', where: { enabled: { equals: true } }, data: { enabled: false }, overrideAccess: true }))
  /** A new customer writes `text` to the shop's number; answers what the shop sent back. */
  const customerWrites = async (shop: MetaShop, text: string, from = String(++contact)) => {
    const before = graph.sent.length
    await postWebhook(waMessage({ wabaId: shop.number.wabaId, phoneNumberId: shop.number.phoneNumberId, from, text }))
    await drainQueue(payload)
    return { from, replies: graph.sent.slice(before).filter((m) => m.to === from) }
  }

  it('replies to a keyword with the rule’s text, in any case, as a whole word', async () => {
    await rule(a, { trigger: 'keyword', keywords: ['price', 'দাম'], action: 'reply-text', replyText: 'Prices: example.com/prices' })
    expect((await customerWrites(a, 'What is the PRICE?')).replies.map((r) => r.text)).toEqual(['Prices: example.com/prices'])
    expect((await customerWrites(a, 'শার্টের দাম কত')).replies).toHaveLength(1)
    expect((await customerWrites(a, 'priceless work')).replies).toHaveLength(0)
    const { messages } = await inboxOf(payload, a.tenant.id)
    const auto = messages.filter((m) => m.text === 'Prices: example.com/prices')
    expect(auto.every((m) => m.direction === 'outbound' && m.automation)).toBe(true)
  })

  it('never fires a rule of one shop on another shop’s message', async () => {
    const { replies, from } = await customerWrites(b, 'price please')
    expect(replies).toHaveLength(0)
    expect((await inboxOf(payload, b.tenant.id)).messages.filter((m) => m.direction === 'outbound')).toHaveLength(0)
    expect((await inboxOf(payload, a.tenant.id)).conversations.some((c) => c.contactId === from)).toBe(false)
  })

  it('matches a regex rule and answers with an approved template, the contact’s name filled in', async () => {
    await disableAll()
    graph.addTemplate(b.number.wabaId, { name: 'track_order', language: 'en_US', status: 'APPROVED', components: [{ type: 'BODY', text: 'Hi {{1}}, track it here' }] })
    await api('POST', '/message-templates/sync', { token: b.token, body: { number: b.number.id } })
    const [template] = (await asSystem(() => payload.find({ collection: 'message-templates', where: { tenant: { equals: b.tenant.id } }, overrideAccess: true }))).docs
    await rule(b, { trigger: 'regex', pattern: '\\bORD-\\d{3,}\\b', action: 'reply-template', template: template.id, templateParameters: ['{{name}}'] })
    const { replies } = await customerWrites(b, 'where is ord-1234?')
    expect(replies).toHaveLength(1)
    expect(replies[0].template?.name).toBe('track_order')
    expect(JSON.stringify(replies[0].template?.components)).toContain('Customer')
    expect((await customerWrites(b, 'where is my order')).replies).toHaveLength(0)
  })

  it('answers outside business hours once per conversation within the cooldown', async () => {
    await disableAll()
    // Open 00:00–00:01 on no day at all: always closed.
    await rule(a, { trigger: 'outside-business-hours', opensAt: '09:00', closesAt: '09:01', days: ['mon'], cooldownMinutes: 60, action: 'reply-text', replyText: 'We are closed; we answer at 9.' })
    const first = await customerWrites(a, 'hello?')
    expect(first.replies.map((r) => r.text)).toEqual(['We are closed; we answer at 9.'])
    const second = await customerWrites(a, 'anyone?', first.from)
    expect(second.replies).toHaveLength(0)
  })

  it('computes opening hours in the shop’s time zone, across midnight and on closed days', () => {
    const hours = { start: '09:00', end: '21:00' }
    // 2026-11-23 is a Monday; 03:30 UTC = 09:30 in Dhaka (UTC+6).
    expect(isOutsideHours({}, hours, 'Asia/Dhaka', new Date('2026-11-23T03:30:00Z'))).toBe(false)
    expect(isOutsideHours({}, hours, 'UTC', new Date('2026-11-23T03:30:00Z'))).toBe(true)
    expect(isOutsideHours({ days: ['tue'] }, hours, 'Asia/Dhaka', new Date('2026-11-23T03:30:00Z'))).toBe(true)
    const night = { opensAt: '22:00', closesAt: '02:00', days: ['mon' as const] }
    expect(isOutsideHours(night, hours, 'UTC', new Date('2026-11-23T23:00:00Z'))).toBe(false) // Monday 23:00
    expect(isOutsideHours(night, hours, 'UTC', new Date('2026-11-24T01:00:00Z'))).toBe(false) // Monday night, Tuesday 01:00
    expect(isOutsideHours(night, hours, 'UTC', new Date('2026-11-25T01:00:00Z'))).toBe(true) // Wednesday 01:00
  })

  it('assigns new conversations round-robin to the shop’s support agents, not to others', async () => {
    await disableAll()
    const agents = [await createStaff(payload, a.tenant, 'support-agent'), await createStaff(payload, a.tenant, 'support-agent')]
    await createStaff(payload, a.tenant, 'sales-operator')
    await createStaff(payload, b.tenant, 'support-agent')
    await rule(a, { trigger: 'new-conversation', action: 'assign-round-robin', assignRole: 'support-agent' })
    const froms: string[] = []
    for (let i = 0; i < 4; i++) froms.push((await customerWrites(a, `new customer ${i}`)).from)
    await customerWrites(a, 'same customer again', froms[0])
    const { conversations } = await inboxOf(payload, a.tenant.id)
    const assignees = froms.map((f) => conversations.find((c) => c.contactId === f)!.assignee)
    const ids = agents.map((u) => u.id)
    expect(assignees.every((id) => typeof id === 'string' && ids.includes(id))).toBe(true)
    expect(assignees.filter((id) => id === ids[0])).toHaveLength(2)
    expect(assignees.filter((id) => id === ids[1])).toHaveLength(2)
    expect(assignees[0]).not.toBe(assignees[1])
  })

  it('keeps the customer’s message when a rule cannot reply (message quota used up)', async () => {
    await disableAll()
    const plan = await createPlan(payload, { monthlyMessages: 1 })
    const [limited] = await startMetaShops(1, { plan: plan.id })
    await rule(limited, { trigger: 'keyword', keywords: ['hello'], action: 'reply-text', replyText: 'Hi there' })
    const first = await customerWrites(limited, 'hello')
    expect(first.replies).toHaveLength(1)
    const second = await customerWrites(limited, 'hello again', first.from)
    expect(second.replies).toHaveLength(0)
    const { messages, conversations } = await inboxOf(payload, limited.tenant.id)
    expect(messages.filter((m) => m.direction === 'inbound').map((m) => m.text)).toEqual(['hello', 'hello again'])
    expect(conversations[0].unreadCount).toBe(2)
  })

  it('refuses a rule with a broken regex, a keyword rule without keywords, and another shop’s template', async () => {
    expect((await api('POST', '/automations', { token: a.token, body: { name: 'bad', trigger: 'regex', pattern: '(unclosed', action: 'reply-text', replyText: 'x' } })).status).toBe(400)
    expect((await api('POST', '/automations', { token: a.token, body: { name: 'bad', trigger: 'keyword', action: 'reply-text', replyText: 'x' } })).status).toBe(400)
    const [theirs] = (await asSystem(() => payload.find({ collection: 'message-templates', where: { tenant: { equals: b.tenant.id } }, overrideAccess: true }))).docs
    const res = await api('POST', '/automations', { token: a.token, body: { name: 'steal', trigger: 'keyword', keywords: ['x'], action: 'reply-template', template: theirs.id } })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })
})
