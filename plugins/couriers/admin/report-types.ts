/** The answers of the report endpoints (plugins/couriers reconcile/ and performance/), as the admin reads them. */

export type Flag = 'short_paid' | 'not_settled' | 'settled_twice' | 'returned_but_charged'
export const FLAGS: Flag[] = ['short_paid', 'not_settled', 'settled_twice', 'returned_but_charged']

/** One shipment of GET /api/couriers/reconciliation (money in minor units). */
export type LedgerRow = {
  shipment: string
  order: string
  orderNumber: null | string
  provider: string
  account: string
  trackingCode: null | string
  consignmentId: null | string
  status: null | string
  paymentMethod: string
  expected: number
  collected: null | number
  settled: null | number
  deliveryFee: null | number
  codFee: null | number
  settlementRef: null | string
  settledAt: null | string
  deliveredAt: null | string
  flags: Flag[]
}
export type LedgerTotals = { shipments: number; expected: number; collected: number; settled: number; outstanding: number; deliveryFees: number; codFees: number; flagged: number }
export type Reconciliation = { currency: string; period: { from: string; to: string }; totals: LedgerTotals; rows: LedgerRow[] }

/** POST /api/couriers/:id/payouts/import. */
export type ImportAnswer = { reference: string; matched: number; unmatched: { line: number; trackingCode: null | string; invoice: null | string; reason: string }[] }
/** POST /api/couriers/:id/payouts/sync. */
export type SyncAnswer = { payouts: number; settled: number; unmatched: number }

/** One group of GET /api/couriers/performance (rates are shares 0–1, null when nothing was booked; money in minor units). */
export type PerformanceRow = {
  provider: string
  account: string
  accountLabel: string
  area: null | string
  payment: 'cod' | 'prepaid'
  booked: number
  delivered: number
  firstAttemptRate: null | number
  returnRate: null | number
  cancelRate: null | number
  partialRate: null | number
  avgPickupToDeliveryHours: null | number
  avgDeliveryFee: null | number
  codExpected: number
  codCollected: number
  avgRemittanceLagDays: null | number
}
export type Performance = { currency: string; period: { from: string; to: string }; rows: PerformanceRow[] }

/** A courier account as the report pickers list it. */
export type AccountChoice = { id: string; label: string; provider: string }
