import type { PayloadRequest } from 'payload'

import type { AiTool } from '../provider/client'
import { hostOf } from '../options'
import { findProducts, ordersOf, type Grounding, type ProductRow } from './grounding'

/**
 * The tools the model may call: narrow functions bound to this request's tenant and
 * conversation. None takes a tenant, a customer or an id — the model can only ask "which of this
 * shop's products match" and "this customer's orders". Products found are remembered (`seen`),
 * so a drafted order can only name products the shop has.
 */
export function toolsFor(req: PayloadRequest, g: Grounding, seen: Map<string, ProductRow>): AiTool[] {
  const { formatMoney } = hostOf(req)
  return [
    {
      name: 'search_products',
      description: 'This shop’s active products whose name or SKU contains the query: name, price and stock.',
      parameters: { type: 'object', properties: { query: { type: 'string', description: 'Words of the product name or its SKU.' } }, required: ['query'], additionalProperties: false },
      run: async (args) => {
        const rows = await findProducts(req, g.tenantId, typeof args.query === 'string' ? args.query : '', 10)
        for (const p of rows) seen.set(p.name.toLowerCase(), p)
        return { products: rows.map((p) => ({ name: p.name, price: formatMoney(p.price, p.currency), stock: p.stock })) }
      },
    },
    {
      name: 'customer_orders',
      description: 'The newest orders of the customer in this conversation, with their delivery status.',
      parameters: { type: 'object', properties: {}, additionalProperties: false },
      run: async () => {
        const customerId = g.conversation.customer && typeof g.conversation.customer === 'object' ? g.conversation.customer.id : g.conversation.customer
        if (!customerId) return { orders: [], note: 'This conversation is not linked to a customer.' }
        return { orders: await ordersOf(req, g.tenantId, String(customerId), g.shop) }
      },
    },
  ]
}
