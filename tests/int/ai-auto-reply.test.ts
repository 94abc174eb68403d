import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { User } from '../../payload-types'
import type { FakeLlm } from '../fakes/llm'
import type { FakeGraph } from '../fakes/meta'
import { aiPlan, aiShop, customerWrites, ledgerOf, startAiWorld, type AiShop } from './helpers/ai-world'
import { api } from './helpers/api'
import { asSystem, createStaff } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { inboxOf } from './helpers/meta'

const HOUR = 3_600_000

/** "HH:MM" in Asia/Dhaka, `hours` from now. */
const dhaka = (hours: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Dhaka', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + hours * HOUR))

/**
 * The opt-in auto-reply (plugins/ai/README.md, "Auto-reply"): on the pages and numbers a shop
 * chose, it answers price / stock / delivery questions (or anything outside business hours)
 * through the inbox's own send path, and hands off to a person — assigned, nothing sent, the
 * provider not even asked — on a hand-off keyword or a request for a person, outside the 24-hour
 * window, and when the model is not confident.
 */
describe('AI auto-reply', () => {
  let payload: Payload
  let graph: FakeGraph
  let llm: FakeLlm
  let close: () => Promise<void>
  let shop: AiShop
  let agent: User
  let phone = 0

  /** A new customer of the shop (own conversation) writes `text`, `agoMs` ago; the jobs run. */
  async function customerSays(text: string, agoMs = 60_000) {
    const customer = await asSystem(() =>
      payload.create({
        collection: 'customers',
        data: { tenant: shop.tenant.id, name: `Customer ${++phone}`, phone: `+8801911${String(Date.now() % 100_000).padStart(5, '0')}${phone % 10}` },
        overrideAccess: true,
      }),
    )
    llm.reset()
    const sentBefore = graph.sent.length
    const conversation = await customerWrites(payload, shop, customer, text, agoMs)
    await drainQueue(payload)
    const fresh = (await inboxOf(payload, shop.tenant.id)).conversations.find((c) => c.id === conversation.id)!
    const messages = (await inboxOf(payload, shop.tenant.id)).messages.filter((m) => m.conversation === conversation.id)
    return { conversation: fresh, messages, sent: graph.sent.slice(sentBefore), prompts: llm.prompts() }
  }

  beforeAll(async () => {
    ;({ payload, graph, llm, close } = await startAiWorld())
    shop = await aiShop(payload, graph, {
      plan: await aiPlan(payload),
      products: ['Power Bank 20000 mAh'],
      customers: [],
      policy: 'We deliver inside Dhaka in 2 days. Dhanmondi: next day.',
      settings: { replyLanguage: 'auto', handoffKeywords: ['refund', 'ফেরত'] },
    })
    agent = await createStaff(payload, shop.tenant, 'support-agent')
    // Business hours around now, so only the listed question kinds are answered.
    await asSystem(() => payload.update({ collection: 'tenants', id: shop.tenant.id, data: { settings: { businessHours: { start: dhaka(-2), end: dhaka(2) } } }, overrideAccess: true }))
    const res = await api('PATCH', `/ai-settings/${shop.settingsId}`, {
      token: shop.token,
      body: { features: { autoReply: true }, autoReply: { numbers: [shop.number.id], when: ['outside-hours', 'price', 'stock', 'delivery-status'], handoffTo: agent.id } },
    })
    expect(res.status).toBe(200)
  })
  afterAll(async () => close())

  it('answers a price question itself, through the inbox’s send path, grounded on the product', async () => {
    const { messages, sent, prompts } = await customerSays('How much is the Power Bank?')
    const reply = messages.find((m) => m.direction === 'outbound')!
    expect(reply.text).toMatch(/Power Bank 20000 mAh is ৳\s?2,450(\.00)?, 14 in stock/)
    expect(reply.status).toBe('sent')
    expect(sent.map((s) => s.text)).toEqual([reply.text])
    expect(prompts[0]).toContain('Task: auto-reply')
    const row = (await ledgerOf(payload, shop.tenant.id)).at(-1)!
    expect(row).toMatchObject({ feature: 'auto-reply', outcome: 'ok', message: reply.id })
  })

  it('answers in Bangla a Bangla delivery question, quoting the policy', async () => {
    const { messages } = await customerSays('ধানমন্ডিতে ডেলিভারি কবে হবে? Dhanmondi')
    const reply = messages.find((m) => m.direction === 'outbound')!
    expect(reply.text).toMatch(/ডেলিভারি/)
    expect(reply.text).toContain('Dhanmondi: next day.')
  })

  it('hands off on a hand-off keyword: assigned to the person named, nothing sent, the provider not asked', async () => {
    const { conversation, messages, sent, prompts } = await customerSays('I want a refund for my order')
    expect(messages.filter((m) => m.direction === 'outbound')).toEqual([])
    expect(sent).toEqual([])
    expect(prompts).toEqual([])
    expect(conversation.assignee).toBe(agent.id)
  })

  it('hands off when the customer asks for a person', async () => {
    const { conversation, messages, prompts } = await customerSays('Can I talk to a human please?')
    expect(messages.filter((m) => m.direction === 'outbound')).toEqual([])
    expect(prompts).toEqual([])
    expect(conversation.assignee).toBe(agent.id)
  })

  it('never answers outside the 24-hour window (only an approved template may go there)', async () => {
    const { conversation, messages, sent, prompts } = await customerSays('How much is the Power Bank?', 25 * HOUR)
    expect(messages.filter((m) => m.direction === 'outbound')).toEqual([])
    expect(sent).toEqual([])
    expect(prompts).toEqual([])
    expect(conversation.assignee).toBe(agent.id)
  })

  it('hands off a question it may not answer during business hours (the model says HANDOFF)', async () => {
    const { conversation, messages, prompts } = await customerSays('Do you have a shop where I can visit?')
    expect(prompts).toHaveLength(1)
    expect(messages.filter((m) => m.direction === 'outbound')).toEqual([])
    expect(conversation.assignee).toBe(agent.id)
    expect((await ledgerOf(payload, shop.tenant.id)).at(-1)).toMatchObject({ outcome: 'handoff' })
  })

  it('outside business hours it answers any question', async () => {
    await asSystem(() => payload.update({ collection: 'tenants', id: shop.tenant.id, data: { settings: { businessHours: { start: dhaka(2), end: dhaka(3) } } }, overrideAccess: true }))
    const { messages } = await customerSays('Do you have a shop where I can visit?')
    expect(messages.filter((m) => m.direction === 'outbound')).toHaveLength(1)
  })

  it('hands off, asking the provider nothing, when the month’s AI requests are used up', async () => {
    const planId = String(typeof shop.tenant.plan === 'object' ? shop.tenant.plan?.id : shop.tenant.plan)
    await asSystem(() => payload.update({ collection: 'plans', id: planId, data: { limits: { aiRequestsPerMonth: 0 } }, overrideAccess: true }))
    try {
      const { conversation, messages, prompts } = await customerSays('How much is the Power Bank?')
      expect(prompts).toEqual([])
      expect(messages.filter((m) => m.direction === 'outbound')).toEqual([])
      expect(conversation.assignee).toBe(agent.id)
      expect((await ledgerOf(payload, shop.tenant.id)).at(-1)).toMatchObject({ feature: 'auto-reply', outcome: 'refused' })
    } finally {
      await asSystem(() => payload.update({ collection: 'plans', id: planId, data: { limits: { aiRequestsPerMonth: null } }, overrideAccess: true }))
    }
  })

  it('does nothing on a number the shop did not opt in', async () => {
    await api('PATCH', `/ai-settings/${shop.settingsId}`, { token: shop.token, body: { autoReply: { numbers: [] } } })
    const { messages, prompts } = await customerSays('How much is the Power Bank?')
    expect(prompts).toEqual([])
    expect(messages.filter((m) => m.direction === 'outbound')).toEqual([])
  })
})
