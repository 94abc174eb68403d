/** What reconciliation flags on a shipment (README, "Cash on delivery"; integrations.md §8.2). */
export const RECONCILIATION_FLAGS = ['short_paid', 'not_settled', 'settled_twice', 'returned_but_charged'] as const
export type ReconciliationFlag = (typeof RECONCILIATION_FLAGS)[number]

/** The money facts of one shipment that the flags read (minor units; null = not known). */
export type LedgerFacts = {
  status: null | string
  /** 'cod' or 'prepaid'. */
  paymentMethod: string
  codExpected: null | number
  codCollected: null | number
  deliveryFee: null | number
  codFee: null | number
  settlementRef: null | string
  settledAmount: null | number
  settlementCount: null | number
  deliveredAt: null | Date
  /** Whether a courier payout listed this parcel with cash collected (> 0). */
  payoutListedCollected: boolean
}

const DELIVERED = new Set(['delivered', 'partially_delivered'])
const UNDELIVERED = new Set(['returned', 'cancelled'])
const DAY_MS = 86_400_000

/**
 * The flags of one shipment, on its own facts (no database: unit-testable):
 * - `short_paid`: a delivered (or partly delivered) COD parcel whose collected cash is less than
 *   expected, or a settled parcel paid out less than its collected cash minus the courier's fees;
 * - `not_settled`: a delivered (or partly delivered) COD parcel with cash collected and no payout
 *   `settleAfterDays` days after delivery;
 * - `settled_twice`: listed by more than one payout;
 * - `returned_but_charged`: returned or cancelled, yet a payout listed it with cash collected, or
 *   the courier charged a COD fee on it.
 */
export function flagsOf(s: LedgerFacts, opts: { settleAfterDays: number; now: Date }): ReconciliationFlag[] {
  const flags: ReconciliationFlag[] = []
  const status = s.status ?? ''
  const cod = s.paymentMethod === 'cod'
  const collected = s.codCollected ?? 0
  const fees = (s.deliveryFee ?? 0) + (s.codFee ?? 0)
  const delivered = DELIVERED.has(status)
  const collectedShort = delivered && cod && s.codCollected !== null && s.codExpected !== null && s.codCollected < s.codExpected
  const paidShort = Boolean(s.settlementRef) && s.settledAmount !== null && s.settledAmount < collected - fees
  if (collectedShort || paidShort) flags.push('short_paid')
  const due = s.deliveredAt !== null && opts.now.getTime() - s.deliveredAt.getTime() > opts.settleAfterDays * DAY_MS
  if (delivered && cod && collected > 0 && !s.settlementRef && due) flags.push('not_settled')
  if ((s.settlementCount ?? 0) > 1) flags.push('settled_twice')
  if (UNDELIVERED.has(status) && (s.payoutListedCollected || (s.codFee ?? 0) > 0)) flags.push('returned_but_charged')
  return flags
}

/** What the courier still owes on a parcel: its collected cash less fees, less what was paid out (never below 0). */
export function outstandingOf(s: Pick<LedgerFacts, 'codCollected' | 'deliveryFee' | 'codFee' | 'settledAmount'>): number {
  const collected = s.codCollected ?? 0
  if (collected <= 0) return 0
  return Math.max(0, collected - (s.deliveryFee ?? 0) - (s.codFee ?? 0) - (s.settledAmount ?? 0))
}
