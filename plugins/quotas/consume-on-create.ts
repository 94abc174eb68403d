import type { CollectionBeforeChangeHook } from 'payload'

import { consume } from './ledger'
import type { PeriodicLimit } from './options'
import { idOf } from './sql'

/**
 * `req.context[DEFER_CONSUMPTION] = true` on a create: the host takes the unit later itself, with
 * `consume()` (the app does so for anonymous storefront orders when staff confirm them).
 */
export const DEFER_CONSUMPTION = 'quotas.deferConsumption'

/** beforeChange: each document created uses one unit of a monthly limit (undone if the create fails). */
export const consumeOnCreate =
  (metric: PeriodicLimit): CollectionBeforeChangeHook =>
  async ({ data, operation, req }) => {
    const tenantId = operation === 'create' && !req.context[DEFER_CONSUMPTION] ? idOf(data.tenant) : null
    if (tenantId) await consume(req, tenantId, metric, 1)
    return data
  }
