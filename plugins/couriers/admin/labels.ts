/** Words and badge colours of the courier admin (plain data, server and client). */

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'error'

/** The canonical shipment statuses in words, with the colour of their badge. */
export const STATUS_LABELS: Record<string, { label: string; tone: Tone }> = {
  booked: { label: 'Booked', tone: 'info' },
  picked: { label: 'Picked up', tone: 'info' },
  in_transit: { label: 'In transit', tone: 'info' },
  out_for_delivery: { label: 'Out for delivery', tone: 'info' },
  on_hold: { label: 'On hold', tone: 'warning' },
  failed_attempt: { label: 'Delivery attempt failed', tone: 'warning' },
  returning: { label: 'Returning', tone: 'warning' },
  delivered: { label: 'Delivered', tone: 'success' },
  partially_delivered: { label: 'Partly delivered', tone: 'warning' },
  returned: { label: 'Returned', tone: 'error' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
}

/** Where a booking is before the courier has a status for it. */
export const BOOKING_LABELS: Record<string, { label: string; tone: Tone }> = {
  queued: { label: 'Waiting to book', tone: 'neutral' },
  sending: { label: 'Booking…', tone: 'neutral' },
  booked: { label: 'Booked', tone: 'info' },
  failed: { label: 'Booking failed', tone: 'error' },
}

/** The badge of a shipment: its courier status once it has one, else where its booking is. */
export function shipmentBadge(s: { bookingState?: null | string; status?: null | string }): { key: string; label: string; tone: Tone } {
  if (s.bookingState === 'failed' && (!s.status || s.status === 'cancelled')) return { key: 'failed', ...BOOKING_LABELS.failed }
  if (s.status && STATUS_LABELS[s.status]) return { key: s.status, ...STATUS_LABELS[s.status] }
  const state = s.bookingState ?? 'queued'
  return { key: state, ...(BOOKING_LABELS[state] ?? { label: state, tone: 'neutral' }) }
}

export const PROVIDER_LABELS: Record<string, string> = { steadfast: 'Steadfast', pathao: 'Pathao', redx: 'RedX' }
export const providerLabel = (p: null | string | undefined) => (p ? (PROVIDER_LABELS[p] ?? p) : '—')

/** Providers whose pickup store is chosen per parcel (Steadfast picks up from the account's address). */
export const HAS_STORES = new Set(['pathao', 'redx'])
/** Providers whose payouts the plugin can read through their API ("Sync payouts"). */
export const SYNCS_PAYOUTS = new Set(['steadfast'])

/** The reconciliation's discrepancy flags in words. */
export const FLAG_LABELS: Record<string, { label: string; hint: string }> = {
  short_paid: { label: 'Short paid', hint: 'The courier collected less cash than the order expected.' },
  not_settled: { label: 'Not settled', hint: 'Delivered, cash collected, but no payout has paid it yet.' },
  settled_twice: { label: 'Settled twice', hint: 'More than one payout listed this parcel.' },
  returned_but_charged: { label: 'Returned but charged', hint: 'The parcel came back, yet the courier charged for delivering it.' },
}
export const flagLabel = (flag: string) => FLAG_LABELS[flag]?.label ?? flag.replace(/_/g, ' ')

/** Payload's pill style for a tone. */
export const PILL_OF: Record<Tone, 'light-gray' | 'light' | 'success' | 'warning' | 'error'> = { neutral: 'light-gray', info: 'light', success: 'success', warning: 'warning', error: 'error' }
