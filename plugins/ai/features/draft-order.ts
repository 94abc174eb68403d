import type { PayloadRequest } from 'payload'

import { recordAnswer, runFeature } from './run'

export type DraftItem = { product: string; name: string; quantity: number; unitPrice: number }

/** The model's `{"items":[{"product","quantity"}]}`, leniently (a JSON object anywhere in the text). */
function parseItems(text: string): { product: string; quantity: number }[] {
  const start = text.indexOf('{')
  const end = text.lastIndexOf('}')
  if (start < 0 || end <= start) return []
  try {
    const parsed = JSON.parse(text.slice(start, end + 1)) as { items?: unknown }
    if (!Array.isArray(parsed.items)) return []
    return parsed.items.flatMap((i: unknown) => {
      const item = i as { product?: unknown; quantity?: unknown }
      const quantity = Number(item.quantity ?? 1)
      return typeof item.product === 'string' && Number.isInteger(quantity) && quantity > 0 && quantity <= 1000 ? [{ product: item.product, quantity }] : []
    })
  } catch {
    return []
  }
}

/**
 * "Draft an order": the model names products and quantities; only names of products this request
 * read from the shop (the catalogue block, or its own `search_products` calls) become items —
 * anything else is dropped, so a draft can never point at another shop's product or an invented one.
 */
export async function draftOrder(req: PayloadRequest, tenantId: string, conversationId: string): Promise<{ items: DraftItem[]; customer: null | string; dropped: number }> {
  const run = { feature: 'draft-order' as const, tenantId, conversationId, tools: true, json: true }
  const result = await runFeature(req, run)
  await recordAnswer(req, run, result, 'ok')
  const asked = parseItems(result.text)
  const items = new Map<string, DraftItem>()
  for (const a of asked) {
    const p = result.seen.get(a.product.trim().toLowerCase())
    if (!p) continue
    const before = items.get(p.id)
    items.set(p.id, { product: p.id, name: p.name, quantity: (before?.quantity ?? 0) + a.quantity, unitPrice: p.price })
  }
  const customer = result.grounding.conversation.customer
  return { items: [...items.values()], customer: customer ? String(typeof customer === 'object' ? customer.id : customer) : null, dropped: asked.length - [...items.values()].length }
}
