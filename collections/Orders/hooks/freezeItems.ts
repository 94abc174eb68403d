import type { CollectionBeforeChangeHook } from 'payload'
import { ValidationError } from 'payload'
import { extractID } from 'payload/shared'

type Item = { product?: null | string | { id: string }; quantity?: null | number | string }

const lines = (items: unknown) => JSON.stringify(((Array.isArray(items) ? items : []) as Item[]).map((item) => [item.product ? extractID(item.product) : null, Number(item.quantity ?? 0)]))

/**
 * Only a pending order's items may change: once confirmed, its stock was taken for exactly those
 * items. Sending them back unchanged (the admin panel saves the whole document; Payload also
 * fills unsent fields from the stored document) is fine: the stored rows are written back as
 * they are, captured unit prices included.
 */
export const freezeItems: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || data.items === undefined || !originalDoc || originalDoc.status === 'pending') return data
  if (lines(data.items) !== lines(originalDoc.items)) {
    const message = `The items of an order cannot be changed once it is ${String(originalDoc.status)}; only a pending order's items can. Cancel it and place a new order instead.`
    throw new ValidationError({ collection: 'orders', errors: [{ path: 'items', message }], req })
  }
  return { ...data, items: originalDoc.items }
}
