import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { randomDigits, waMessage, type FakeGraph } from '../fakes/meta'
import { api, graphql, type ApiResponse } from './helpers/api'
import { drainQueue } from './helpers/jobs-queue'
import { inboxOf, postWebhook, startMetaWorld, type MetaShop } from './helpers/meta'
import { ownerPool } from './helpers/payload'

/** The stored form of a secret (src/crypto/format.ts): `v1:<keyId>:<iv>:…`. */
const CIPHERTEXT = /v1:[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]{16}:/

/**
 * Issue 13: no Meta endpoint — the Graph actions (test connection, template submit and sync,
 * send), the inbox endpoints, the channel writes that prove a page or number, the webhook —
 * answers a page or number token, its ciphertext, or anything the plugin read with
 * `revealSecrets`, over REST or GraphQL, whatever the depth.
 */
describe('Meta endpoints never answer tokens or ciphertexts', () => {
  let payload: Payload
  let graph: FakeGraph
  let shop: MetaShop
  const answered: { what: string; text: string }[] = []
  const tokens: string[] = []

  beforeAll(async () => {
    ;({
      payload,
      graph,
      shops: [shop],
    } = await startMetaWorld(1))
    tokens.push(shop.number.token, shop.page.token)
  })
  afterAll(() => graph.close())

  const keep = (what: string, res: ApiResponse | { status: number; body: unknown }) => {
    answered.push({ what: `${what} → ${res.status}`, text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) })
    return res
  }
  const rest = async (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) => keep(`${method} ${path}`, await api(method, path, { token: shop.token, body }))

  it('over REST: every Meta action, inbox and channel endpoint, at depth 2', async () => {
    // Channel writes that prove the channel (create, token change), and "Test connection" in every outcome.
    const page = { pageId: randomDigits(15), token: `EAAB-scan-page-${randomDigits(6)}` }
    graph.addPage({ ...page, name: 'Scanned page' })
    tokens.push(page.token, 'EAAB-scan-wrong-token')
    const created = await rest('POST', '/pages?depth=2', { name: 'Scanned page', pageId: page.pageId, accessToken: page.token })
    expect(created.status).toBe(201)
    await rest('PATCH', `/pages/${created.body.doc.id}?depth=2`, { accessToken: 'EAAB-scan-wrong-token' })
    await rest('PATCH', `/pages/${created.body.doc.id}?depth=2`, { accessToken: page.token })
    await rest('POST', `/pages/${shop.page.id}/test-connection`)
    await rest('POST', `/numbers/${shop.number.id}/test-connection`)
    await rest('POST', '/pages?depth=2', { name: 'Duplicate', pageId: page.pageId, accessToken: page.token }) // 409
    graph.failNext({ path: /^\/me$/ }, { status: 500, code: 2, message: 'Service temporarily unavailable' })
    await rest('POST', `/pages/${shop.page.id}/test-connection`)

    // Templates: submitted to Graph with the number's token, synced from its WABA.
    const template = await rest('POST', '/message-templates?depth=2', { number: shop.number.id, name: 'scan_me', language: 'en_US', category: 'UTILITY', bodyText: 'Hello there.' })
    expect(template.status).toBe(201)
    graph.setTemplateStatus(shop.number.wabaId, 'scan_me', 'en_US', 'APPROVED')
    await rest('POST', '/message-templates/sync', { number: shop.number.id })
    await rest('GET', '/message-templates?depth=2')

    // The inbox: a customer writes, the shop reads, links a customer, replies (text and template).
    await postWebhook(waMessage({ wabaId: shop.number.wabaId, phoneNumberId: shop.number.phoneNumberId, from: '8801766000001', text: 'hi' })).then((r) => keep('POST /meta/webhook', r))
    await drainQueue(payload)
    const conversation = (await inboxOf(payload, shop.tenant.id)).conversations[0]
    await rest('GET', '/conversations?depth=2')
    await rest('GET', `/conversations/${conversation.id}?depth=2`)
    await rest('POST', `/conversations/${conversation.id}/read?depth=2`)
    await rest('POST', `/conversations/${conversation.id}/customer`)
    await rest('PATCH', `/conversations/${conversation.id}?depth=2`, { status: 'closed' })
    await rest('POST', '/messages?depth=2', { conversation: conversation.id, type: 'text', text: 'hello' })
    await rest('POST', '/messages?depth=2', { conversation: conversation.id, type: 'template', template: { name: 'scan_me', language: 'en_US' } })
    await drainQueue(payload)
    await rest('GET', '/messages?depth=2')
    await rest('GET', '/numbers?depth=2')
    await rest('GET', `/pages/${shop.page.id}?depth=2`)
    await rest('GET', '/meta-events?depth=2')
    // A refused token, on "Test connection".
    graph.revokeToken(shop.number.token)
    await rest('POST', `/numbers/${shop.number.id}/test-connection`)
    expect(answered.length).toBeGreaterThan(20)
  })

  it('over GraphQL: the channels, templates and inbox with their relations', async () => {
    const query = `{
      Numbers { docs { id accessToken accessTokenHint connection { message } } }
      Pages { docs { id accessToken accessTokenHint } }
      MessageTemplates { docs { id number { id accessToken } } }
      Conversations { docs { id number { id accessToken } page { id accessToken } } }
      Messages { docs { id conversation { id number { accessToken } } } }
    }`
    const res = await graphql(query, { token: shop.token })
    expect(res.body.errors ?? []).toEqual([])
    keep('GraphQL query', res)
    const created = await graphql(
      `
        mutation ($data: mutationMessageTemplateInput!) {
          createMessageTemplate(data: $data) {
            id
            number {
              id
              accessToken
            }
          }
        }
      `,
      {
        token: shop.token,
        variables: { data: { number: shop.number.id, name: 'scan_gql', language: 'en_US', category: 'UTILITY', bodyText: 'Hi.' } },
      },
    )
    keep('GraphQL createMessageTemplate', created)
  })

  it('none of those answers holds a token, its ciphertext, or a stored ciphertext', async () => {
    const stored = (await ownerPool().query<{ access_token: string }>('select access_token from pages union all select access_token from numbers')).rows.map((r) => r.access_token)
    expect(stored.length).toBeGreaterThan(0)
    const leaks = answered.flatMap(({ what, text }) => [
      ...tokens.filter((t) => text.includes(t)).map((t) => `${what}: token ${t}`),
      ...(CIPHERTEXT.test(text) ? [`${what}: a ciphertext`] : []),
      ...stored.filter((c) => text.includes(c)).map(() => `${what}: a stored ciphertext`),
    ])
    expect(leaks).toEqual([])
  })
})
