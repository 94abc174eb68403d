import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hostOf } from '../options'
import { fail } from '../errors'
import { flagsOf, outstandingOf, type ReconciliationFlag } from './flags'
import type { Period } from './params'

/** Most shipments one reconciliation answers; more is a 400 asking for a narrower period or one account. */
export const MAX_LEDGER_ROWS = 20_000

/** One shipment's line of the reconciliation (money in minor units). */
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
  flags: ReconciliationFlag[]
}

export type LedgerTotals = { shipments: number; expected: number; collected: number; settled: number; outstanding: number; deliveryFees: number; codFees: number; flagged: number }

const num = (v: unknown): null | number => (v === null || v === undefined || v === '' ? null : Number(v))
const iso = (v: unknown): null | string => (v === null || v === undefined ? null : new Date(v as string).toISOString())
const str = (v: unknown): null | string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null)

/**
 * The booked shipments of one shop created in `period` (whole days in the shop's time zone), of
 * one account or all, with whether a payout listed each with cash collected: one query in the
 * tenant's context (row-level security holds it to the shop; the tenant is named as well).
 */
async function ledgerRows(req: PayloadRequest, tenantId: string, accountId: null | string, period: Period, timeZone: string) {
  const rows = await hostOf(req).db.runSql(
    req,
    sql`select s.id, s.order_id, o.number as order_number, s.provider, s.account_id, s.tracking_code, s.consignment_id, s.status, s.payment_method,
          s.cod_expected, s.cod_collected, s.settled_amount, s.delivery_fee, s.cod_fee, s.settlement_ref, s.settled_at, s.delivered_at, s.settlement_count,
          exists (select 1 from courier_payouts_items i where i.shipment_id = s.id and coalesce(i.collected, 0) > 0) as payout_collected
        from shipments s
        left join orders o on o.id = s.order_id
        where s.tenant_id = ${tenantId}::uuid
          and s.booking_state = 'booked'
          and (${accountId}::uuid is null or s.account_id = ${accountId}::uuid)
          and s.created_at >= (${period.from}::date)::timestamp at time zone ${timeZone}
          and s.created_at < (${period.to}::date + 1)::timestamp at time zone ${timeZone}
        order by s.created_at, s.id
        limit ${MAX_LEDGER_ROWS + 1}`,
  )
  if (rows.length > MAX_LEDGER_ROWS)
    throw fail('invalid_input', `More than ${MAX_LEDGER_ROWS} shipments in this period: choose a shorter period or one account.`, 400, { errors: [{ path: 'from', message: 'Too long a period.' }] })
  return rows
}

/**
 * The reconciliation of a shop's shipments in a period: each row with its flags (flags.ts), the
 * flagged rows first, then by delivery time (undelivered last); totals over the rows answered
 * (after the `flags` filter, when given) in one pass.
 */
export async function ledger(
  req: PayloadRequest,
  q: { tenantId: string; accountId: null | string; period: Period; timeZone: string; settleAfterDays: number; only: ReconciliationFlag[]; now?: Date },
): Promise<{ rows: LedgerRow[]; totals: LedgerTotals }> {
  const now = q.now ?? new Date()
  const rows: LedgerRow[] = []
  for (const r of await ledgerRows(req, q.tenantId, q.accountId, q.period, q.timeZone)) {
    const facts = {
      status: str(r.status),
      paymentMethod: String(r.payment_method),
      codExpected: num(r.cod_expected),
      codCollected: num(r.cod_collected),
      deliveryFee: num(r.delivery_fee),
      codFee: num(r.cod_fee),
      settlementRef: str(r.settlement_ref),
      settledAmount: num(r.settled_amount),
      settlementCount: num(r.settlement_count),
      deliveredAt: r.delivered_at ? new Date(r.delivered_at as string) : null,
      payoutListedCollected: r.payout_collected === true,
    }
    const flags = flagsOf(facts, { settleAfterDays: q.settleAfterDays, now })
    if (q.only.length > 0 && !flags.some((f) => q.only.includes(f))) continue
    rows.push({
      shipment: String(r.id),
      order: String(r.order_id),
      orderNumber: str(r.order_number),
      provider: String(r.provider),
      account: String(r.account_id),
      trackingCode: str(r.tracking_code),
      consignmentId: str(r.consignment_id),
      status: facts.status,
      paymentMethod: facts.paymentMethod,
      expected: facts.paymentMethod === 'cod' ? (facts.codExpected ?? 0) : 0,
      collected: facts.codCollected,
      settled: facts.settledAmount,
      deliveryFee: facts.deliveryFee,
      codFee: facts.codFee,
      settlementRef: facts.settlementRef,
      settledAt: iso(r.settled_at),
      deliveredAt: iso(r.delivered_at),
      flags,
    })
  }
  rows.sort((a, b) => Number(b.flags.length > 0) - Number(a.flags.length > 0) || (a.deliveredAt ?? '\uffff').localeCompare(b.deliveredAt ?? '\uffff'))
  const totals: LedgerTotals = { shipments: 0, expected: 0, collected: 0, settled: 0, outstanding: 0, deliveryFees: 0, codFees: 0, flagged: 0 }
  for (const row of rows) {
    totals.shipments++
    totals.expected += row.expected
    totals.collected += row.collected ?? 0
    totals.settled += row.settled ?? 0
    totals.outstanding += outstandingOf({ codCollected: row.collected, deliveryFee: row.deliveryFee, codFee: row.codFee, settledAmount: row.settled })
    totals.deliveryFees += row.deliveryFee ?? 0
    totals.codFees += row.codFee ?? 0
    if (row.flags.length > 0) totals.flagged++
  }
  return { rows, totals }
}
