import type { CollectionBeforeChangeHook } from 'payload'
import { ValidationError } from 'payload'

import { tenantIdOf } from '../../../src/tenancy/memberships'

type Item = { id?: string; product?: unknown; quantity?: number; unitPrice?: number }

/**
 * Totals are the server's: unit prices are captured from the product when an item is added
 * (kept as they were for existing items), and subtotal/total are recomputed on every write.
 * Whatever the client sends for them is ignored.
 */
export const computeTotals: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const items = (data.items ?? originalDoc?.items ?? []) as Item[]
  const before = new Map(((originalDoc?.items ?? []) as Item[]).map((item) => [item.id, item]))
  const productIds = [...new Set(items.map((i) => tenantIdOf(i.product)).filter((id): id is string => Boolean(id)))]
  const { docs } = productIds.length
    ? await req.payload.find({ collection: 'products', where: { id: { in: productIds } }, depth: 0, limit: productIds.length, overrideAccess: true, req })
    : { docs: [] }
  const prices = new Map(docs.map((p) => [p.id, p]))

  const errors: { path: string; message: string }[] = []
  const priced = items.map((item, i) => {
    const kept = item.id ? before.get(item.id) : undefined
    const product = prices.get(tenantIdOf(item.product) ?? '')
    if (kept && tenantIdOf(kept.product) === tenantIdOf(item.product) && kept.unitPrice != null) return { ...item, unitPrice: kept.unitPrice }
    if (!product) return item // the same-tenant relationship guard reports it
    if (product.status !== 'active') errors.push({ path: `items.${i}.product`, message: `"${product.name}" is not for sale (${product.status}).` })
    return { ...item, unitPrice: product.price }
  })
  if (errors.length) throw new ValidationError({ collection: 'orders', errors, req })

  const subtotal = priced.reduce((sum, item) => sum + (item.unitPrice ?? 0) * (item.quantity ?? 0), 0)
  const shipping = Number(data.shipping ?? originalDoc?.shipping ?? 0)
  const discount = Math.min(Number(data.discount ?? originalDoc?.discount ?? 0), subtotal + shipping)
  return { ...data, items: priced, subtotal, shipping, discount, total: subtotal + shipping - discount }
}
