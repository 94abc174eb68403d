import type { PerformanceRow } from '../report-types'

/** One courier account's figures over all its rows (areas, payment methods): the sums, and rates weighted by parcels booked. */
export type CourierTotals = {
  key: string
  label: string
  provider: string
  booked: number
  delivered: number
  deliveredPercent: null | number
  firstAttemptPercent: null | number
  returnPercent: null | number
  cancelPercent: null | number
  avgHours: null | number
  avgFee: null | number
  codExpected: number
  codCollected: number
}

const weighted = (rows: PerformanceRow[], pick: (r: PerformanceRow) => null | number, weight: (r: PerformanceRow) => number): null | number => {
  let sum = 0
  let n = 0
  for (const r of rows) {
    const v = pick(r)
    const w = weight(r)
    if (v === null || w <= 0) continue
    sum += v * w
    n += w
  }
  return n > 0 ? sum / n : null
}
const round1 = (v: null | number) => (v === null ? null : Math.round(v * 10) / 10)

/**
 * The performance rows per courier account, for the charts: delivered % counted from the
 * numbers (delivered of booked), the other rates (shares 0–1) as percentages weighted by parcels
 * booked, the pickup → delivery hours weighted by parcels delivered.
 */
export function perCourier(rows: PerformanceRow[]): CourierTotals[] {
  const keys = [...new Set(rows.map((r) => r.account))]
  return keys.map((key) => {
    const mine = rows.filter((r) => r.account === key)
    const booked = mine.reduce((s, r) => s + r.booked, 0)
    const delivered = mine.reduce((s, r) => s + r.delivered, 0)
    const pct = (pick: (r: PerformanceRow) => null | number) => {
      const share = weighted(mine, pick, (r) => r.booked)
      return share === null ? null : round1(share * 100)
    }
    return {
      key,
      label: mine[0].accountLabel || mine[0].provider,
      provider: mine[0].provider,
      booked,
      delivered,
      deliveredPercent: booked > 0 ? round1((delivered / booked) * 100) : null,
      firstAttemptPercent: pct((r) => r.firstAttemptRate),
      returnPercent: pct((r) => r.returnRate),
      cancelPercent: pct((r) => r.cancelRate),
      avgHours: round1(
        weighted(
          mine,
          (r) => r.avgPickupToDeliveryHours,
          (r) => r.delivered,
        ),
      ),
      avgFee: weighted(
        mine,
        (r) => r.avgDeliveryFee,
        (r) => r.booked,
      ),
      codExpected: mine.reduce((s, r) => s + r.codExpected, 0),
      codCollected: mine.reduce((s, r) => s + r.codCollected, 0),
    }
  })
}
