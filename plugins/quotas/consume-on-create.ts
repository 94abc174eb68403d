import type { CollectionBeforeChangeHook } from 'payload'

import { tenantIdOf } from '../../src/tenancy/memberships'
import { consume } from './ledger'
import type { PeriodicLimit } from './options'

/** beforeChange: each document created uses one unit of a monthly limit (undone if the create fails). */
export const consumeOnCreate =
  (metric: PeriodicLimit): CollectionBeforeChangeHook =>
  async ({ data, operation, req }) => {
    const tenantId = operation === 'create' ? tenantIdOf(data.tenant) : null
    if (tenantId) await consume(req, tenantId, metric, 1)
    return data
  }
