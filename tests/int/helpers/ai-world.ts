import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'

import type { Conversation, Customer, Plan, Product } from '../../../payload-types'
import { startFakeLlm, type FakeLlm } from '../../fakes/llm'
import { waMessage, type FakeGraph } from '../../fakes/meta'
import { api } from './api'
import { setEnv } from './env'
import { asSystem, createPlan, createProduct } from './factories'
import { drainQueue } from './jobs-queue'
import { inboxOf, metaShop, postWebhook, startMetaWorld, type MetaShop } from './meta'

export type AiShop = MetaShop & { products: Product[]; customers: Customer[]; policy: string; settingsId: string }

let phones = 0

/** A customer of `shop` who writes to its WhatsApp number: the conversation it opens (linked to the customer by phone). */
export async function customerWrites(payload: Payload, shop: MetaShop, customer: Pick<Customer, 'phone'>, text: string, agoMs = 60_000): Promise<Conversation> {
  const from = customer.phone.replace(/^\+/, '')
  const at = Date.now() - agoMs
  const res = await postWebhook(waMessage({ wabaId: shop.number.wabaId, phoneNumberId: shop.number.phoneNumberId, from, text, timestamp: Math.floor(at / 1000) }))
  if (res.status !== 200) throw new Error(`webhook: ${res.status}`)
  await drainQueue(payload)
  return (await inboxOf(payload, shop.tenant.id)).conversations.find((c) => c.contactId === from)!
}

/**
 * A shop with an AI-enabled plan, a WhatsApp number and page (metaShop), products, two customers
 * and AI settings with a delivery policy. Every name given is used as is, so a test can plant canaries.
 */
export async function aiShop(payload: Payload, graph: FakeGraph, o: { plan: Plan; products: string[]; customers: string[]; policy: string; settings?: Record<string, unknown> }): Promise<AiShop> {
  const shop = await metaShop(payload, graph, { plan: o.plan.id, timezone: 'Asia/Dhaka' })
  const products: Product[] = []
  for (const [i, name] of o.products.entries()) products.push(await createProduct(payload, shop.tenant, { name, price: 245000 + i * 1000, stock: 14 - i }))
  const customers: Customer[] = []
  for (const name of o.customers) {
    const phone = `+88017${String(Date.now() % 1_000_000).padStart(6, '0')}${String(++phones).padStart(2, '0')}`
    customers.push(await asSystem(() => payload.create({ collection: 'customers', data: { tenant: shop.tenant.id, name, phone }, overrideAccess: true })))
  }
  const settings = await api('POST', '/ai-settings', { token: shop.token, body: { tenant: shop.tenant.id, persona: `${shop.tenant.name} desk`, policy: o.policy, ...o.settings } })
  if (settings.status !== 201) throw new Error(`ai-settings: ${settings.status} ${JSON.stringify(settings.body)}`)
  return { ...shop, products, customers, policy: o.policy, settingsId: settings.body.doc.id }
}

/** The test file's AI world: empty tables, fake Graph and fake LLM, the app pointed at them. Call `close` in afterAll. */
export async function startAiWorld(): Promise<{ payload: Payload; graph: FakeGraph; llm: FakeLlm; close: () => Promise<void> }> {
  const { payload, graph } = await startMetaWorld(0)
  const llm = await startFakeLlm()
  const restore = setEnv({ AI_BASE_URL: llm.url, AI_API_KEY: llm.apiKey, AI_MODEL: llm.model })
  return {
    payload,
    graph,
    llm,
    close: async () => {
      restore()
      await llm.close()
      await graph.close()
    },
  }
}

/** A plan that includes the assistant, with `ai` requests a month (unset: unlimited). */
export const aiPlan = (payload: Payload, aiRequestsPerMonth?: number) => createPlan(payload, aiRequestsPerMonth === undefined ? {} : { aiRequestsPerMonth }, ['whatsapp', 'messenger', 'ai'])

/** A unique string no other row holds. */
export const canary = () => `CANARY-${randomUUID()}`

/** POST one of the assistant's endpoints as `token`, for the conversation's shop. */
export const assist = (token: string, feature: 'suggest-reply' | 'summarise' | 'draft-order', conversation: string, tenant?: string) =>
  api('POST', `/ai/${feature}${tenant ? `?tenant=${tenant}` : ''}`, { token, body: { conversation } })

/** The shop's AI usage ledger, oldest first, read as the system. */
export const ledgerOf = (payload: Payload, tenantId: string) =>
  asSystem(async () => (await payload.find({ collection: 'ai-usage', where: { tenant: { equals: tenantId } }, sort: 'createdAt', limit: 0, pagination: false, depth: 0, overrideAccess: true })).docs)
