import type { Courier } from '../../../payload-types'
import type { Quote } from '../providers/types'

/** Districts a Dhaka-based courier prices as "sub-city" (the city's outskirts). */
const SUB_CITY = ['savar', 'gazipur', 'narayanganj', 'keraniganj', 'tongi', 'ashulia', 'demra']

/** The rate card's zone for a delivery district: Dhaka inside the city, its outskirts sub-city, the rest outside. */
export function zoneOf(district: null | string | undefined): 'inside-city' | 'sub-city' | 'outside-city' {
  const d = (district ?? '').trim().toLowerCase()
  if (d === 'dhaka' || d === 'dhaka city' || d.startsWith('dhaka ')) return 'inside-city'
  if (SUB_CITY.some((s) => d.includes(s))) return 'sub-city'
  return 'outside-city'
}

/**
 * The shop's own rate card for a parcel (providers without a quote API): the cheapest row of the
 * zone whose weight limit holds the parcel; null when no row does. No cash-handling charge is
 * assumed (the card has none).
 */
export function rateCardQuote(account: Pick<Courier, 'rateCard'>, district: null | string | undefined, weightGrams: number): (Quote & { zone: string }) | null {
  const zone = zoneOf(district)
  const rows = (account.rateCard ?? []).filter((r) => r.zone === zone && r.maxWeightGrams >= weightGrams).sort((a, b) => a.charge - b.charge)
  if (!rows[0]) return null
  return { deliveryFee: rows[0].charge, codFee: 0, total: rows[0].charge, zone }
}
