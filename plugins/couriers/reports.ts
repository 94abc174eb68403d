import type { Endpoint } from 'payload'

import type { AnyTask } from './host'
import { payoutTasks } from './jobs/payouts'
import type { ResolvedCouriersOptions } from './options'
import { performanceEndpoint } from './performance/endpoint'
import { reconciliationEndpoint } from './reconcile/endpoint'
import { payoutImportEndpoint } from './reconcile/import-endpoint'
import { settleEndpoint } from './reconcile/settle-endpoint'
import { payoutSyncEndpoint } from './reconcile/sync-endpoint'
import { riskEndpoint } from './risk/endpoint'

/**
 * Cash-on-delivery reconciliation, payout sync and import, courier performance and cash-order
 * risk (README, "Cash on delivery", "Performance", "Risk"): the endpoints under
 * /api/couriers (`accounts`: reconciliation, performance, risk, an account's payout sync and
 * sheet import), under /api/shipments (`shipments`: mark settled), and the payout sync tasks
 * (`courierPayoutSync` per tenant, `courierQueuePayoutSyncs` hourly).
 */
export function reports(options: ResolvedCouriersOptions): { accounts: Endpoint[]; shipments: Endpoint[]; tasks: AnyTask[] } {
  return {
    accounts: [reconciliationEndpoint, performanceEndpoint, riskEndpoint, payoutSyncEndpoint, payoutImportEndpoint],
    shipments: [settleEndpoint],
    tasks: payoutTasks(options),
  }
}
