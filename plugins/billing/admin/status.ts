/** Statuses in words and colours (pure: testable in Node): the subscription, the banner, invoices, the overview. */
import { formatCount, formatDate } from './format'
import type { BillingStatus, BillingSummary, StatusCounts, SubscriptionStatus, SyncPricesAnswer } from './types'

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'error'

/** The reason the server writes on a shop it suspended for an unpaid invoice. */
export const UNPAID_REASON = 'Unpaid invoice'

const STATUS_LABELS: Record<SubscriptionStatus, { label: string; tone: Tone }> = {
  none: { label: 'No subscription', tone: 'neutral' },
  trialing: { label: 'Trial', tone: 'info' },
  active: { label: 'Active', tone: 'success' },
  past_due: { label: 'Past due', tone: 'error' },
  canceled: { label: 'Canceled', tone: 'neutral' },
  incomplete: { label: 'Incomplete', tone: 'warning' },
  unpaid: { label: 'Unpaid', tone: 'error' },
  comped: { label: 'Comped', tone: 'success' },
}

export const statusLabel = (status: string): { label: string; tone: Tone } => STATUS_LABELS[status as SubscriptionStatus] ?? { label: status.replace(/_/g, ' '), tone: 'neutral' }

export type StatusView = { label: string; tone: Tone; lines: string[]; callToPay: boolean }

/**
 * The subscription's status with what it means for the shop: the trial's end, the renewal or
 * the end of a canceled-at-period-end subscription, and for past due the grace end date and a
 * clear call to pay (the summary's `callToPay`).
 */
export function statusView(summary: Pick<BillingSummary, 'subscription' | 'tenant' | 'plan'>, locale?: string): StatusView {
  const { subscription: s, tenant } = summary
  const { label, tone } = statusLabel(s.status)
  const day = (v: null | string | undefined) => formatDate(v, locale)
  const lines: string[] = []
  let callToPay = false
  switch (s.status) {
    case 'trialing':
      lines.push(`The trial ends on ${day(tenant.trialEndsAt ?? s.currentPeriodEnd)}; the first payment is taken then.`)
      break
    case 'active':
      lines.push(s.cancelAtPeriodEnd ? `Canceled: the plan ends on ${day(s.currentPeriodEnd)} and is not renewed.` : `Renews on ${day(s.currentPeriodEnd)}.`)
      break
    case 'past_due':
    case 'unpaid':
      callToPay = true
      lines.push(
        s.graceEndsAt
          ? `The last payment failed. Pay the open invoice before ${day(s.graceEndsAt)}, or the shop will be suspended.`
          : 'The last payment failed. Pay the open invoice, or the shop will be suspended.',
      )
      break
    case 'incomplete':
      callToPay = true
      lines.push('The first payment has not gone through yet. Complete it, or choose the plan again.')
      break
    case 'canceled':
      lines.push('The subscription has ended. Choose a plan to subscribe again.')
      break
    case 'comped':
      lines.push(s.currentPeriodEnd ? `Free of charge until ${day(s.currentPeriodEnd)}, courtesy of the platform.` : 'Free of charge, courtesy of the platform.')
      break
    case 'none':
      lines.push(summary.plan ? `On ${summary.plan.name} without a subscription. Choose a plan below to subscribe.` : 'Choose a plan below to subscribe.')
      break
  }
  if (s.cancelAtPeriodEnd && s.status === 'trialing') lines.push('Canceled: the subscription ends with the trial.')
  if (tenant.status === 'suspended') {
    callToPay = callToPay || tenant.suspendedReason === UNPAID_REASON
    lines.push(`The shop is suspended${tenant.suspendedReason ? `: ${tenant.suspendedReason}` : ''}.`)
  }
  return { label, tone, lines, callToPay }
}

/** The payment method in words. */
export const PAYMENT_METHOD_TEXT: Record<string, { text: string; tone: Tone }> = {
  ok: { text: 'Card on file', tone: 'success' },
  failing: { text: 'The card on file was declined: update it', tone: 'error' },
  none: { text: 'No card on file', tone: 'neutral' },
}

/** The past-due banner's sentence for the shop's status, or null when there is nothing to say (the banner then shows nothing). */
export function bannerText(status: BillingStatus | null | undefined, locale?: string): null | string {
  if (!status) return null
  if (status.suspendedReason === UNPAID_REASON) return 'The shop is suspended: an invoice is unpaid. Pay it to open the shop again.'
  if (status.status !== 'past_due') return null
  return status.graceEndsAt
    ? `Payment failed: the shop will be suspended on ${formatDate(status.graceEndsAt, locale)} unless the invoice is paid.`
    : 'Payment failed: the shop will be suspended unless the invoice is paid.'
}

const INVOICE_TONES: Record<string, Tone> = { paid: 'success', open: 'warning', draft: 'neutral', uncollectible: 'error', void: 'neutral' }
export const invoiceTone = (status: string): Tone => INVOICE_TONES[status] ?? 'neutral'
export const invoiceLabel = (status: string): string => (status ? status.charAt(0).toUpperCase() + status.slice(1) : '—')

/** The overview's statuses in a fixed order, for the bar chart and its numbers table. */
export const OVERVIEW_STATUSES = ['active', 'trialing', 'past_due', 'canceled', 'comped', 'none'] as const satisfies readonly (keyof StatusCounts)[]
export const statusRows = (byStatus: Partial<StatusCounts>): { status: string; label: string; count: number }[] =>
  OVERVIEW_STATUSES.map((status) => ({ status, label: statusLabel(status).label, count: byStatus[status] ?? 0 }))

/** POST /billing/sync-prices's counts in words. */
export const syncText = (counts: SyncPricesAnswer, locale = 'en'): string =>
  `Synced with Stripe: ${formatCount(counts.products, locale)} products, ${formatCount(counts.created, locale)} prices created, ${formatCount(counts.archived, locale)} archived, ${formatCount(counts.meters, locale)} meters.`

/** After Stripe Checkout (`?checkout=success|cancelled`): is the subscription there yet? */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set(['active', 'trialing'])
export type CheckoutReturn = 'success' | 'cancelled' | null
export const checkoutReturnOf = (value: null | string | undefined): CheckoutReturn => (value === 'success' || value === 'cancelled' ? value : null)
