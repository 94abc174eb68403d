import type { Payload } from 'payload'

import type { Conversation, Message, Tenant, User } from '../../../payload-types'
import { metaJson, signatureOf, startFakeGraph, type FakeGraph } from '../../fakes/meta'
import { api, login, route } from './api'
import { asSystem, createStaff, createTenant, PASSWORD } from './factories'
import { freshPayload } from './payload'

export const APP_SECRET = process.env.META_APP_SECRET ?? 'test-app-secret'
let n = 0

/**
 * POST a delivery to the app's webhook through its real route handler, signed the way Meta signs
 * (escaped-unicode JSON, HMAC-SHA256 of the exact bytes with the app secret).
 */
export async function postWebhook(
  payload: object | string,
  { secret = APP_SECRET, signature, headers = {} }: { secret?: string; signature?: null | string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const raw = typeof payload === 'string' ? payload : metaJson(payload)
  const sig = signature === undefined ? signatureOf(raw, secret) : signature
  const request = new Request('http://localhost/api/meta/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(sig === null ? {} : { 'x-hub-signature-256': sig }), ...headers },
    body: raw,
  })
  const response = await route(request)
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    /* plain text */
  }
  return { status: response.status, body }
}

export async function getWebhook(query: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await route(new Request(`http://localhost/api/meta/webhook?${new URLSearchParams(query)}`))
  return { status: response.status, text: await response.text() }
}

export type MetaShop = {
  tenant: Tenant
  admin: User
  token: string
  number: { id: string; phoneNumberId: string; wabaId: string; token: string }
  page: { id: string; pageId: string; token: string }
}

/**
 * A shop with a WhatsApp number and a Facebook page known to the fake Graph, and its tenant-admin
 * (signed in). The channels are connected the way a shop connects them: created over REST by
 * the admin, and proven right away by the plugin against the fake Graph (a channel that did not
 * pass the proof receives nothing, so this throws when one did not).
 */
export async function metaShop(payload: Payload, graph: FakeGraph, data: Partial<Tenant> = {}): Promise<MetaShop> {
  const i = ++n
  const suffix = `${Date.now() % 100_000}${i}`
  const tenant = await createTenant(payload, data)
  const admin = await createStaff(payload, tenant, 'tenant-admin')
  const token = await login(admin.email, PASSWORD)
  const wa = { phoneNumberId: `71${suffix}`, wabaId: `72${suffix}`, token: `EAAB-wa-${suffix}` }
  const fb = { pageId: `73${suffix}`, token: `EAAB-page-${suffix}` }
  graph.addNumber({ ...wa, displayPhoneNumber: '+8801800000000', verifiedName: `Shop ${i}` })
  graph.addPage({ pageId: fb.pageId, name: `Page ${i}`, token: fb.token })
  const number = await connect(token, 'numbers', { phoneNumberId: wa.phoneNumberId, wabaId: wa.wabaId, displayPhoneNumber: '+8801800000000', accessToken: wa.token })
  const page = await connect(token, 'pages', { name: `Page ${i}`, pageId: fb.pageId, accessToken: fb.token })
  return { tenant, admin, token, number: { id: number.id, ...wa }, page: { id: page.id, ...fb } }
}

/** Create a page or number over REST as the signed-in admin; it must come back verified (proven by Graph). */
export async function connect(token: string, collection: 'pages' | 'numbers', data: Record<string, unknown>): Promise<{ id: string; verifiedAt: string }> {
  const res = await api('POST', `/${collection}`, { token, body: data })
  if (res.status !== 201 || !res.body.doc?.verifiedAt) throw new Error(`${collection} not connected and verified: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.doc
}

/**
 * Mark a page or number verified as the plugin does after a proven Graph call, without one —
 * for benchmarks and fixtures whose Graph is not running. Tests of the proof itself use the
 * real path (metaShop, the test-connection endpoint).
 */
export async function markVerified(payload: Payload, collection: 'pages' | 'numbers', id: string): Promise<void> {
  await asSystem(() => payload.update({ collection, id, data: { verifiedAt: new Date().toISOString(), status: 'connected' }, overrideAccess: true }))
}

/** Everything in one tenant's inbox, read as the system. */
export async function inboxOf(payload: Payload, tenantId: string): Promise<{ conversations: Conversation[]; messages: Message[] }> {
  return asSystem(async () => {
    const where = { tenant: { equals: tenantId } }
    const conversations = (await payload.find({ collection: 'conversations', where, limit: 0, pagination: false, depth: 0, overrideAccess: true })).docs
    const messages = (await payload.find({ collection: 'messages', where, limit: 0, pagination: false, depth: 0, sort: 'createdAt', overrideAccess: true })).docs
    return { conversations, messages }
  })
}

/** Stored webhook events of a tenant. */
export async function eventsOf(payload: Payload, tenantId?: string) {
  return asSystem(async () => (await payload.find({ collection: 'meta-events', where: tenantId ? { tenant: { equals: tenantId } } : {}, limit: 0, pagination: false, depth: 0, overrideAccess: true })).docs)
}

/**
 * A test file's Meta world: empty tables, a fake Graph server the app is pointed at, and `shops`
 * shops with a number and a page each. Close `graph` in afterAll.
 */
export async function startMetaWorld(shops: number): Promise<{ payload: Payload; graph: FakeGraph; shops: MetaShop[] }> {
  const payload = await freshPayload()
  const graph = await startFakeGraph()
  process.env.META_GRAPH_URL = graph.url
  const list: MetaShop[] = []
  for (let i = 0; i < shops; i++) list.push(await metaShop(payload, graph))
  return { payload, graph, shops: list }
}
