import type { PayloadRequest, Where } from 'payload'

import type { AiSetting, Conversation, Customer, Message, Product, Shipment } from '../../../payload-types'
import { fail } from '../errors'
import type { ShopFacts } from '../host'
import { hostOf } from '../options'

export type ProductRow = Pick<Product, 'id' | 'name' | 'sku' | 'price' | 'currency' | 'stock'>
export type OrderRow = { number: string; status: string; total: string; createdAt: string; items: string[]; shipments: { provider: string; status: string; trackingCode: string }[] }

/** Everything a prompt is built from: rows read in the request's own tenant context, nothing else. */
export type Grounding = {
  tenantId: string
  shop: ShopFacts
  settings: Partial<AiSetting>
  conversation: Conversation
  messages: Pick<Message, 'direction' | 'text' | 'type' | 'createdAt'>[]
  products: ProductRow[]
  customer: null | Pick<Customer, 'name'>
  orders: OrderRow[]
}

const idOf = (value: unknown): null | string => (value && typeof value === 'object' ? idOf((value as { id: unknown }).id) : typeof value === 'string' && value ? value : null)

/**
 * How the plugin reads: as the caller (its access rules, `overrideAccess: false`) when there is
 * one, as the tenant's job otherwise — and always with the tenant in the query, under the
 * request's row-level security (the endpoint and the job run inside `runWithTenant`).
 */
export const readAs = (req: PayloadRequest) => ({ req, overrideAccess: !req.user, depth: 0 }) as const

export const inTenant = (tenantId: string, ...and: Where[]): Where => ({ and: [{ tenant: { equals: tenantId } }, ...and] })

/** The shop's AI settings — its first document; defaults when it has none yet: read as the system, in the tenant's context only. */
export async function settingsOf(req: PayloadRequest, tenantId: string): Promise<Partial<AiSetting>> {
  const { docs } = await req.payload.find({ collection: 'ai-settings', where: inTenant(tenantId), sort: 'createdAt', limit: 1, depth: 0, overrideAccess: true, req })
  return docs[0] ?? {}
}

/** The conversation, when it is this tenant's and the caller may read it; else 404. */
export async function conversationOf(req: PayloadRequest, tenantId: string, conversationId: string): Promise<Conversation> {
  const { docs } = await req.payload.find({ collection: 'conversations', where: inTenant(tenantId, { id: { equals: conversationId } }), limit: 1, ...readAs(req) })
  if (!docs[0]) throw fail('not_found', 'No such conversation in this shop.', 404, { errors: [{ path: 'conversation', message: 'No such conversation in this shop.' }] })
  return docs[0]
}

/** The shop's active products whose name or SKU contains `query` (all active ones without), by name. */
export async function findProducts(req: PayloadRequest, tenantId: string, query: string, limit: number): Promise<ProductRow[]> {
  const q = query.trim().slice(0, 100)
  const where = inTenant(tenantId, { status: { equals: 'active' } }, ...(q ? [{ or: [{ name: { like: q } }, { sku: { like: q } }] } as Where] : []))
  const { docs } = await req.payload.find({ collection: 'products', where, limit, sort: 'name', select: { name: true, sku: true, price: true, currency: true, stock: true }, ...readAs(req) })
  return docs
}

/** The conversation's customer's newest orders, with their items and shipments (the customer's own only). */
export async function ordersOf(req: PayloadRequest, tenantId: string, customerId: string, shop: ShopFacts): Promise<OrderRow[]> {
  const { formatMoney } = hostOf(req)
  const { docs } = await req.payload.find({ collection: 'orders', where: inTenant(tenantId, { customer: { equals: customerId } }), sort: '-createdAt', limit: 5, ...readAs(req), depth: 1 })
  const orders = docs
  if (orders.length === 0) return []
  const shipments = (
    await req.payload
      .find({ collection: 'shipments', where: inTenant(tenantId, { order: { in: orders.map((o) => o.id) } }), limit: 20, sort: '-createdAt', ...readAs(req) })
      .catch(() => ({ docs: [] as Shipment[] }))
  ).docs
  return orders.map((o) => ({
    number: o.number ?? o.id,
    status: o.status,
    total: formatMoney(o.total ?? 0, o.currency ?? shop.currency),
    createdAt: o.createdAt.slice(0, 10),
    items: o.items.map((i) => `${i.quantity} × ${typeof i.product === 'object' ? i.product.name : 'product'}`),
    shipments: shipments.filter((s) => idOf(s.order) === o.id).map((s) => ({ provider: s.provider, status: s.status ?? s.bookingState, trackingCode: s.trackingCode ?? '' })),
  }))
}

/** Read everything one feature's prompt is built from, for one conversation of `tenantId`. */
export async function ground(req: PayloadRequest, tenantId: string, conversationId: string, settings: Partial<AiSetting>): Promise<Grounding> {
  const options = hostOf(req)
  const conversation = await conversationOf(req, tenantId, conversationId)
  const shop = await options.tenancy.shopFacts(req, tenantId)
  const { docs } = await req.payload.find({
    collection: 'messages',
    where: inTenant(tenantId, { conversation: { equals: conversation.id } }),
    sort: '-createdAt',
    limit: options.contextMessages,
    select: { direction: true, text: true, type: true, createdAt: true },
    ...readAs(req),
  })
  const messages = (docs as Grounding['messages']).slice().reverse()
  const products = await findProducts(req, tenantId, '', options.catalogueProducts)
  const customerId = idOf(conversation.customer)
  const customer = customerId
    ? (((await req.payload.find({ collection: 'customers', where: inTenant(tenantId, { id: { equals: customerId } }), limit: 1, select: { name: true }, ...readAs(req) })).docs[0] as
        Pick<Customer, 'name'> | undefined) ?? null)
    : null
  const orders = customer && customerId ? await ordersOf(req, tenantId, customerId, shop) : []
  return { tenantId, shop, settings, conversation, messages, products, customer, orders }
}
