import type { Endpoint } from 'payload'

import type { AnyTask } from './host'
import type { ResolvedCouriersOptions } from './options'

/**
 * Cash-on-delivery reconciliation, payout sync and import, courier performance and cash-order
 * risk (README, "Cash on delivery", "Performance", "Risk"): the endpoints under
 * /api/couriers (`accounts`), under /api/shipments (`shipments`), and the tasks.
 */
export function reports(_options: ResolvedCouriersOptions): { accounts: Endpoint[]; shipments: Endpoint[]; tasks: AnyTask[] } {
  return { accounts: [], shipments: [], tasks: [] }
}
