/** The answers of the report endpoints (plugins/couriers reconcile/ and performance/), as the admin reads them. */
import type { PayoutSyncResult } from '../jobs/payouts'
import type { Metrics } from '../performance/metrics'
import type { CountsRow } from '../performance/query'
import { RECONCILIATION_FLAGS, type ReconciliationFlag } from '../reconcile/flags'
import type { LedgerRow as ServerLedgerRow, LedgerTotals as ServerLedgerTotals } from '../reconcile/ledger'

// The server's own types (type-only imports: nothing of the server reaches the admin's bundle but
// the flags' list, a constant), so a changed answer fails the type check here.
export type Flag = ReconciliationFlag
export const FLAGS: readonly Flag[] = RECONCILIATION_FLAGS

/** One shipment of GET /api/couriers/reconciliation (money in minor units). */
export type LedgerRow = ServerLedgerRow
export type LedgerTotals = ServerLedgerTotals
export type Reconciliation = { currency: string; period: { from: string; to: string }; totals: LedgerTotals; rows: LedgerRow[] }

/** POST /api/couriers/:id/payouts/import. */
export type ImportAnswer = { reference: string; matched: number; unmatched: { line: number; trackingCode: null | string; invoice: null | string; reason: string }[] }
/** POST /api/couriers/:id/payouts/sync. */
export type SyncAnswer = PayoutSyncResult

/** One group of GET /api/couriers/performance (rates are shares 0–1, null when nothing was booked; money in minor units). */
export type PerformanceRow = Pick<CountsRow, 'provider' | 'account' | 'accountLabel' | 'area' | 'payment'> & Metrics
export type Performance = { currency: string; period: { from: string; to: string }; rows: PerformanceRow[] }

/** A courier account as the report pickers list it. */
export type AccountChoice = { id: string; label: string; provider: string }
