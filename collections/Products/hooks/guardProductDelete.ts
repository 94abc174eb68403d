import type { CollectionBeforeDeleteHook } from 'payload'
import { AppError } from '../../../src/errors/app-error'

/**
 * Orders keep their items' products: deleting a product that an order uses would break the
 * order (its item row requires the product). Archive it instead; it then leaves the storefront.
 */
export const guardProductDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { totalDocs } = await req.payload.count({
    collection: 'orders',
    where: { 'items.product': { equals: id } },
    overrideAccess: true,
    req,
  })
  if (totalDocs > 0) {
    throw new AppError('invalid_input', `This product is used by ${totalDocs} order${totalDocs === 1 ? '' : 's'}; archive it instead of deleting it.`)
  }
}
