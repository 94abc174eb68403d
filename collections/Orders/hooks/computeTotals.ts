import type { CollectionBeforeChangeHook } from 'payload'
import { ValidationError } from 'payload'
import { extractID } from 'payload/shared'

import { DEFAULT_CURRENCY } from '../../../src/money/currencies'

type Item = { id?: string; product?: null | string | { id: string }; quantity?: number; unitPrice?: number }

/** The product id of an item (a deleted product leaves none). */
const productOf = (item: Item | undefined): null | string => (item?.product ? extractID(item.product) : null)
type FieldError = { path: string; message: string }

/**
 * Totals are the server's: unit prices are captured from the product when an item is added
 * (kept as they were for existing items), and subtotal/total are recomputed on every write.
 * Whatever the client sends for them is ignored. A new item must be an active product of the
 * order's own tenant, in the order's currency.
 */
export const computeTotals: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const items = (data.items ?? originalDoc?.items ?? []) as Item[]
  const before = new Map(((originalDoc?.items ?? []) as Item[]).map((item) => [item.id, item]))
  const tenantRef = data.tenant ?? originalDoc?.tenant
  const tenant = tenantRef ? extractID(tenantRef) : null
  const currency = String(data.currency ?? originalDoc?.currency ?? DEFAULT_CURRENCY)
  const errors: FieldError[] = []
  if (operation === 'update' && originalDoc?.currency && data.currency != null && data.currency !== originalDoc.currency) {
    errors.push({ path: 'currency', message: `The currency of an order cannot change after it is placed (it is ${originalDoc.currency}).` })
  }

  const productIds = [...new Set(items.map(productOf).filter((id): id is string => Boolean(id)))]
  const { docs } =
    productIds.length && tenant
      ? await req.payload.find({
          collection: 'products',
          where: { and: [{ id: { in: productIds } }, { tenant: { equals: tenant } }] },
          depth: 0,
          limit: productIds.length,
          overrideAccess: true,
          req,
        })
      : { docs: [] }
  const products = new Map(docs.map((p) => [p.id, p]))

  const priced = items.map((item, i): Item => {
    const kept = item.id ? before.get(item.id) : undefined
    if (kept && productOf(kept) === productOf(item) && kept.unitPrice != null) return { ...item, unitPrice: kept.unitPrice }
    const product = products.get(productOf(item) ?? '')
    const path = `items.${i}.product`
    // Reported here too (not only by the same-tenant guard, which runs last): a confirm in the
    // same request would otherwise answer 409 for it. Nothing about the other tenant is revealed.
    if (!product) errors.push({ path, message: 'This product does not exist in this tenant.' })
    else if (product.status !== 'active') errors.push({ path, message: `"${product.name}" is not for sale (${product.status}).` })
    else if (product.currency !== currency) errors.push({ path, message: `"${product.name}" is priced in ${product.currency}; this order is in ${currency}.` })
    return { ...item, unitPrice: product?.price }
  })
  if (errors.length) throw new ValidationError({ collection: 'orders', errors, req })

  const subtotal = priced.reduce((sum, item) => sum + (item.unitPrice ?? 0) * (item.quantity ?? 0), 0)
  const shippingGiven: unknown = data.shipping ?? originalDoc?.shipping ?? 0
  const discountGiven: unknown = data.discount ?? originalDoc?.discount ?? 0
  // Not a number (what the admin's money field could not read): left for the field's validation to refuse in words.
  if (typeof shippingGiven !== 'number' || typeof discountGiven !== 'number') return { ...data, items: priced }
  const shipping = shippingGiven
  const discount = Math.min(discountGiven, subtotal + shipping)
  return { ...data, items: priced, subtotal, shipping, discount, total: subtotal + shipping - discount }
}
