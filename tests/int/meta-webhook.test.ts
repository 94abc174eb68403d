import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { batch, fbMessage, randomWamid, waMessage, type FakeGraph } from '../fakes/meta'
import { api, graphql } from './helpers/api'
import { asSystem } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { eventsOf, getWebhook, inboxOf, postWebhook, startMetaWorld, type MetaShop } from './helpers/meta'

/**
 * The webhook Meta calls (plugins/meta/webhook): verification, signatures, routing to the tenant
 * that owns each number or page, idempotency, size limit — and that what one shop receives is
 * never visible to another over REST, GraphQL or the Local API.
 */
describe('Meta webhook', () => {
  let payload: Payload
  let graph: FakeGraph
  let a: MetaShop
  let b: MetaShop

  beforeAll(async () => {
    ;({
      payload,
      graph,
      shops: [a, b],
    } = await startMetaWorld(2))
  })
  afterAll(() => graph.close())

  const waTo = (shop: MetaShop, from: string, text: string, id = randomWamid()) =>
    waMessage({ wabaId: shop.number.wabaId, phoneNumberId: shop.number.phoneNumberId, from, name: `Customer ${from.slice(-3)}`, text, id })

  it('answers Meta’s verification with the challenge, and 403 to a wrong token', async () => {
    const ok = await getWebhook({ 'hub.mode': 'subscribe', 'hub.verify_token': 'test-verify-token', 'hub.challenge': '1158201444' })
    expect(ok).toEqual({ status: 200, text: '1158201444' })
    expect((await getWebhook({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' })).status).toBe(403)
    expect((await getWebhook({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'test-verify-token', 'hub.challenge': '1' })).status).toBe(403)
  })

  it('answers every refusal with the API’s one error body (found by the fuzz test)', async () => {
    const refused = await getWebhook({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess' })
    expect(JSON.parse(refused.text)).toEqual({ error: 'forbidden', message: expect.stringContaining('hub.verify_token'), errors: [] })
    const unsigned = await postWebhook(waTo(a, '8801711000009', 'no signature'), { signature: null })
    expect(unsigned).toEqual({ status: 401, body: { error: 'unauthorized', message: expect.stringContaining('X-Hub-Signature-256'), errors: [{ path: 'x-hub-signature-256', message: expect.any(String) }] } })
    const notJson = await postWebhook('{"object":')
    expect(notJson).toEqual({ status: 400, body: { error: 'invalid_json', message: 'The body is not JSON.', errors: [] } })
  })

  it('refuses a wrong, missing or malformed signature with 401 and stores nothing', async () => {
    const before = (await eventsOf(payload)).length
    const delivery = waTo(a, '8801711000001', 'signed by someone else')
    expect((await postWebhook(delivery, { secret: 'not-the-app-secret' })).status).toBe(401)
    expect((await postWebhook(delivery, { signature: null })).status).toBe(401)
    expect((await postWebhook(delivery, { signature: 'sha256=zz' })).status).toBe(401)
    // The right signature of other bytes: one character changed after signing.
    const { metaJson, signatureOf } = await import('../fakes/meta')
    const raw = metaJson(delivery)
    const tampered = raw.replace('signed by', 'Signed by')
    expect((await postWebhook(tampered, { signature: signatureOf(raw, 'test-app-secret') })).status).toBe(401)
    expect((await eventsOf(payload)).length).toBe(before)
    await drainQueue(payload)
    expect((await inboxOf(payload, a.tenant.id)).messages.some((m) => m.text?.includes('signed by'))).toBe(false)
  })

  it('verifies the signature over the exact bytes, with non-ASCII text escaped as Meta sends it', async () => {
    const res = await postWebhook(waTo(a, '8801711000002', 'আমি একটি শার্ট চাই — ধন্যবাদ 🙏'))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ received: 1, stored: 1 })
    await drainQueue(payload)
    const { messages } = await inboxOf(payload, a.tenant.id)
    expect(messages.map((m) => m.text)).toContain('আমি একটি শার্ট চাই — ধন্যবাদ 🙏')
  })

  it('refuses a body over the size limit with 413 before reading it', async () => {
    const huge = waTo(a, '8801711000003', 'x'.repeat(1_100_000))
    const res = await postWebhook(huge)
    expect(res.status).toBe(413)
    expect(res.body).toEqual({ error: 'payload_too_large', message: expect.stringContaining('larger than'), maxBytes: 1024 * 1024, errors: [] })
  })

  it('acknowledges events for ids no tenant owns with 200, and stores nothing for them', async () => {
    const before = (await eventsOf(payload)).length
    const res = await postWebhook(waMessage({ wabaId: '999', phoneNumberId: '99999999', from: '8801711000004', text: 'who are you?' }))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ received: 1, stored: 0, unknown: 1 })
    expect((await eventsOf(payload)).length).toBe(before)
  })

  it('skips items without the id their key is made of, and stores the rest of the delivery', async () => {
    const good = waTo(a, '8801711000010', 'has an id') as { entry: { changes: { value: { messages: object[]; statuses?: object[] } }[] }[] }
    const value = good.entry[0].changes[0].value
    value.messages.push({ from: '8801711000011', timestamp: '1700000000', type: 'text', text: { body: 'no id' } })
    value.messages.push({ from: '8801711000012', timestamp: '1700000000', type: 'text', text: { body: 'no id either' } })
    value.statuses = [{ status: 'read', timestamp: '1700000000' }]
    const res = await postWebhook(good)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ received: 1, stored: 1 })
    await drainQueue(payload)
    const texts = (await inboxOf(payload, a.tenant.id)).messages.map((m) => m.text)
    expect(texts).toContain('has an id')
    expect(texts).not.toContain('no id')
  })

  it('has one effect for a delivery repeated, even concurrently', async () => {
    const id = randomWamid()
    const delivery = waTo(a, '8801711000005', 'sent twice', id)
    const answers = await Promise.all([postWebhook(delivery), postWebhook(delivery), postWebhook(delivery)])
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200])
    expect(answers.reduce((sum, r) => sum + r.body.stored, 0)).toBe(1)
    await drainQueue(payload)
    expect((await postWebhook(delivery)).body).toMatchObject({ stored: 0, duplicates: 1 })
    await drainQueue(payload)
    const { messages, conversations } = await inboxOf(payload, a.tenant.id)
    expect(messages.filter((m) => m.metaId === id)).toHaveLength(1)
    const conversation = conversations.find((c) => c.contactId === '8801711000005')!
    expect(conversation.unreadCount).toBe(1)
  })

  it('routes interleaved events for two shops’ numbers and pages to their own inboxes only', async () => {
    const deliveries = []
    for (let i = 0; i < 6; i++) {
      deliveries.push(batch(waTo(a, '8801722000001', `A says ${i}`), waTo(b, '8801722000001', `B says ${i}`)))
      deliveries.push(fbMessage({ pageId: (i % 2 ? a : b).page.pageId, psid: '5550001', text: `${i % 2 ? 'A' : 'B'} page ${i}` }))
    }
    const answers = await Promise.all(deliveries.map((d) => postWebhook(d)))
    expect(answers.every((r) => r.status === 200)).toBe(true)
    await drainQueue(payload)

    for (const [shop, letter] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      const { messages, conversations } = await inboxOf(payload, shop.tenant.id)
      const texts = messages.map((m) => m.text ?? '')
      expect(texts.filter((t) => t.startsWith(`${letter} says`))).toHaveLength(6)
      expect(texts.filter((t) => t.startsWith(`${letter} page`))).toHaveLength(3)
      expect(texts.some((t) => t.startsWith(letter === 'A' ? 'B ' : 'A '))).toBe(false)
      const wa = conversations.find((c) => c.contactId === '8801722000001')!
      expect(wa.unreadCount).toBe(6)
      expect(wa.lastMessagePreview).toMatch(new RegExp(`^${letter} says`))
      expect(conversations.find((c) => c.contactId === '5550001')?.channel).toBe('messenger')
    }
  })

  it('names a new Messenger conversation after the user’s profile, or after the PSID when Graph has none', async () => {
    graph.addProfile({ psid: '5550077', pageId: a.page.pageId, firstName: 'Nadia', lastName: 'Islam' })
    await postWebhook(fbMessage({ pageId: a.page.pageId, psid: '5550077', text: 'hello from messenger' }))
    await postWebhook(fbMessage({ pageId: a.page.pageId, psid: '5550078', text: 'no profile here' }))
    await drainQueue(payload)
    const { conversations } = await inboxOf(payload, a.tenant.id)
    expect(conversations.find((c) => c.contactId === '5550077')!.contactName).toBe('Nadia Islam')
    expect(conversations.find((c) => c.contactId === '5550078')!.contactName).toBe('Messenger 550078')
    expect(graph.calls.find((c) => c.path === '/5550077')!.token).toBe(a.page.token)
  })

  it('never shows one shop’s conversations, messages or events to the other (REST, GraphQL, Local API)', async () => {
    const theirs = await inboxOf(payload, b.tenant.id)
    const conversation = theirs.conversations[0]
    const message = theirs.messages[0]
    // REST
    expect((await api('GET', '/conversations?limit=100', { token: a.token })).body.docs.map((d: { id: string }) => d.id)).not.toContain(conversation.id)
    expect((await api('GET', `/messages/${message.id}`, { token: a.token })).status).toBe(404)
    // Another shop's thread is not there for A: 404, as for a read (src/validation/ids.ts).
    expect((await api('PATCH', `/conversations/${conversation.id}`, { token: a.token, body: { status: 'closed' } })).status).toBe(404)
    expect((await inboxOf(payload, b.tenant.id)).conversations.find((c) => c.id === conversation.id)!.status).toBe('open')
    const events = await eventsOf(payload, b.tenant.id)
    expect((await api('GET', `/meta-events/${events[0].id}`, { token: a.token })).status).toBe(404)
    // GraphQL
    const gql = await graphql<{ Messages: { docs: { id: string }[] } }>('{ Messages(limit: 500) { docs { id } } }', { token: a.token })
    expect(gql.body.data!.Messages.docs.map((d) => d.id)).not.toContain(message.id)
    expect(gql.body.data!.Messages.docs.length).toBe((await inboxOf(payload, a.tenant.id)).messages.length)
    // Local API on behalf of shop A's admin
    const local = await payload.find({ collection: 'conversations', user: a.admin, overrideAccess: false, limit: 0, pagination: false })
    expect(local.docs.every((c) => (typeof c.tenant === 'object' ? c.tenant?.id : c.tenant) === a.tenant.id)).toBe(true)
    // Replying into the other shop's conversation is refused.
    const reply = await api('POST', '/messages', { token: a.token, body: { conversation: conversation.id, type: 'text', text: 'hijack' } })
    expect(reply.status).toBeGreaterThanOrEqual(400)
    expect((await inboxOf(payload, b.tenant.id)).messages.some((m) => m.text === 'hijack')).toBe(false)
  })

  it('links a WhatsApp contact to the shop’s customer with that phone, and only that shop’s', async () => {
    await asSystem(() => payload.create({ collection: 'customers', data: { tenant: b.tenant.id, name: 'Rahim (B)', phone: '+8801733000001' }, overrideAccess: true }))
    const mine = await asSystem(() => payload.create({ collection: 'customers', data: { tenant: a.tenant.id, name: 'Rahim (A)', phone: '+8801733000001' }, overrideAccess: true }))
    await postWebhook(waTo(a, '8801733000001', 'hello again'))
    await drainQueue(payload)
    const conversation = (await inboxOf(payload, a.tenant.id)).conversations.find((c) => c.contactId === '8801733000001')!
    expect(conversation.customer).toBe(mine.id)
  })

  it('links a conversation to a customer entered after the contact wrote, in that shop only', async () => {
    await postWebhook(waTo(a, '8801733000009', 'first time writing'))
    await postWebhook(waTo(b, '8801733000009', 'also writing to B'))
    await drainQueue(payload)
    const created = await api('POST', '/customers', { token: a.token, body: { name: 'Late entry', phone: '+8801733000009' } })
    expect(created.status).toBe(201)
    const mine = (await inboxOf(payload, a.tenant.id)).conversations.find((c) => c.contactId === '8801733000009')!
    expect(mine.customer).toBe(created.body.doc.id)
    expect((await inboxOf(payload, b.tenant.id)).conversations.find((c) => c.contactId === '8801733000009')!.customer ?? null).toBeNull()
  })

  it('finds, links or creates the customer for "Create order", and never in another shop', async () => {
    const { conversations } = await inboxOf(payload, a.tenant.id)
    const whatsapp = conversations.find((c) => c.contactId === '8801711000005')!
    const created = await api('POST', `/conversations/${whatsapp.id}/customer`, { token: a.token })
    expect(created.status).toBe(201)
    const customer = await asSystem(() => payload.findByID({ collection: 'customers', id: created.body.customer, overrideAccess: true }))
    expect(customer).toMatchObject({ phone: '+8801711000005', tenant: expect.objectContaining({ id: a.tenant.id }) })
    expect((await api('POST', `/conversations/${whatsapp.id}/customer`, { token: a.token })).body).toEqual({ customer: customer.id, created: false })

    const messenger = conversations.find((c) => c.channel === 'messenger')!
    const noPhone = await api('POST', `/conversations/${messenger.id}/customer`, { token: a.token })
    expect(noPhone.status).toBe(400)
    expect(JSON.stringify(noPhone.body)).toMatch(/phone/)
    expect((await api('POST', `/conversations/${messenger.id}/customer`, { token: a.token, body: { name: 'Page fan', phone: '+8801799000001' } })).status).toBe(201)

    const theirs = (await inboxOf(payload, b.tenant.id)).conversations.find((c) => c.channel === 'messenger')!
    const foreign = await api('POST', `/conversations/${theirs.id}/customer`, { token: a.token, body: { name: 'Stolen', phone: '+8801799000002' } })
    expect(foreign.status).toBe(404)
    const after = (await inboxOf(payload, b.tenant.id)).conversations.find((c) => c.id === theirs.id)!
    expect(after.customer ?? null).toBeNull()
    const stolen = await asSystem(() => payload.find({ collection: 'customers', where: { phone: { equals: '+8801799000002' } }, overrideAccess: true }))
    expect(stolen.totalDocs).toBe(0)
  })

  it('keeps an event that fails for a retry and marks it failed after the last attempt', async () => {
    // A lead for a page whose token Graph does not know: fetching throws a Graph error each time.
    const { fbLeadgen } = await import('../fakes/meta')
    graph.failNext({ path: /^\/9876543210$/ }, { status: 500, code: 2, message: 'Service temporarily unavailable' }, 10)
    await postWebhook(fbLeadgen({ pageId: a.page.pageId, leadgenId: '9876543210' }))
    await drainQueue(payload)
    const [event] = (await eventsOf(payload, a.tenant.id)).filter((e) => e.eventKey === 'leadgen:9876543210')
    expect(event.status).toBe('pending')
    expect(event.error).toMatch(/Service temporarily unavailable/)
  })
})
