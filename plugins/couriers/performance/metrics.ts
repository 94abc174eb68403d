import type { Counts, CountsRow } from './query'

/** A group's courier KPIs (integrations.md §8.2). Rates are shares of `booked` (0..1), null when nothing was booked. */
export type Metrics = {
  booked: number
  delivered: number
  firstAttemptRate: null | number
  returnRate: null | number
  cancelRate: null | number
  partialRate: null | number
  avgPickupToDeliveryHours: null | number
  /** Minor units. */
  avgDeliveryFee: null | number
  codExpected: number
  codCollected: number
  avgRemittanceLagDays: null | number
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null)
const mean = (sum: number, count: number, places: number) => (count > 0 ? round(sum / count, places) : null)

/** The KPIs of a group's sums: rates to 4 places, hours and days to 1, the average fee in whole minor units. */
export function metricsOf(c: Counts): Metrics {
  return {
    booked: c.booked,
    delivered: c.delivered,
    firstAttemptRate: share(c.firstAttempt, c.booked),
    returnRate: share(c.returned, c.booked),
    cancelRate: share(c.cancelled, c.booked),
    partialRate: share(c.partial, c.booked),
    avgPickupToDeliveryHours: mean(c.hoursSum, c.hoursN, 1),
    avgDeliveryFee: mean(c.feeSum, c.feeN, 0),
    codExpected: c.codExpected,
    codCollected: c.codCollected,
    avgRemittanceLagDays: mean(c.lagSum, c.lagN, 1),
  }
}

const ZERO: Counts = { booked: 0, delivered: 0, firstAttempt: 0, returned: 0, cancelled: 0, partial: 0, hoursSum: 0, hoursN: 0, feeSum: 0, feeN: 0, codExpected: 0, codCollected: 0, lagSum: 0, lagN: 0 }

/** The sums of several groups (a provider's total over its accounts, areas and payment methods). */
export function addCounts(rows: Counts[]): Counts {
  const total = { ...ZERO }
  for (const row of rows) for (const key of Object.keys(ZERO) as (keyof Counts)[]) total[key] += row[key]
  return total
}

/** Per provider: the KPIs over all its rows. */
export function providerTotals(rows: CountsRow[]): ({ provider: string } & Metrics)[] {
  const providers = [...new Set(rows.map((r) => r.provider))]
  return providers.map((provider) => ({ provider, ...metricsOf(addCounts(rows.filter((r) => r.provider === provider))) }))
}
