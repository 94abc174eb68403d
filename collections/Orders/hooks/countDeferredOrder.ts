import type { CollectionBeforeChangeHook } from 'payload'
import { extractID } from 'payload/shared'

import { consume, DEFER_CONSUMPTION } from '../../../plugins/quotas'

/**
 * Keeps `quotaCounted`, whether the order has used its unit of the tenant's `ordersPerMonth`.
 * Orders are counted when created (the quota plugin's hook) — except anonymous storefront
 * orders (src/storefront, no API key), created with DEFER_CONSUMPTION: those stay uncounted
 * until staff confirm them, so a stranger's script cannot spend a shop's month. The confirm
 * takes the unit in its own transaction (403 `quota_exceeded` and the order stays pending when
 * the month is used up); a pending order cancelled never counts. Nobody sets the field by hand:
 * its field access refuses API writes, and this hook decides it on every write.
 */
export const countDeferredOrder: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation === 'create') {
    data.quotaCounted = !req.context[DEFER_CONSUMPTION]
    return data
  }
  const counted = originalDoc?.quotaCounted === true
  data.quotaCounted = counted
  const from = originalDoc?.status
  const to = data.status ?? from
  const tenant = originalDoc?.tenant ? extractID(originalDoc.tenant) : null
  if (!counted && tenant && from === 'pending' && to === 'confirmed') {
    await consume(req, tenant, 'ordersPerMonth', 1)
    data.quotaCounted = true
  }
  return data
}
