/** The plan picker's rules (pure: testable in Node): prices per interval, the current choice, which call a choice makes. */
import { formatMoney } from './format'
import type { Interval, PlanChoice, PlanRef, SubscriptionStatus, SubscriptionSummary } from './types'

/**
 * Statuses with a live Stripe subscription: a new plan goes through POST /billing/change (with
 * proration), not a new checkout (the server answers 409 conflict to one). `none`, `canceled`
 * and `comped` (no Stripe subscription) subscribe through Checkout.
 */
export const LIVE_STATUSES: ReadonlySet<SubscriptionStatus> = new Set(['trialing', 'active', 'past_due', 'unpaid', 'incomplete'])

export const hasLiveSubscription = (subscription: Pick<SubscriptionSummary, 'status'> | null | undefined): boolean => Boolean(subscription && LIVE_STATUSES.has(subscription.status))

/** The plan's price for one interval, in minor units. */
export const priceOf = (plan: Pick<PlanRef, 'priceMonthly' | 'priceYearly'>, interval: Interval): number => (interval === 'year' ? plan.priceYearly : plan.priceMonthly)

/** `৳1,500.00 / month`, `$190.00 / year`; a free plan (0) reads `Free`. */
export function priceText(plan: Pick<PlanRef, 'priceMonthly' | 'priceYearly' | 'currency'>, interval: Interval, locale = 'en'): string {
  const price = priceOf(plan, interval)
  return price === 0 ? 'Free' : `${formatMoney(price, plan.currency, locale)} / ${interval}`
}

/** What paying yearly saves against twelve months, in minor units (0 when it saves nothing). */
export const yearlySaving = (plan: Pick<PlanRef, 'priceMonthly' | 'priceYearly'>): number => Math.max(0, plan.priceMonthly * 12 - plan.priceYearly)

/** `Save ৳3,000.00 a year`, or null when yearly saves nothing. */
export function savingText(plan: Pick<PlanRef, 'priceMonthly' | 'priceYearly' | 'currency'>, locale = 'en'): null | string {
  const saving = yearlySaving(plan)
  return saving > 0 ? `Save ${formatMoney(saving, plan.currency, locale)} a year` : null
}

/** The interval the picker starts on: the subscription's, else monthly. */
export const initialInterval = (subscription: Pick<SubscriptionSummary, 'interval'> | null | undefined): Interval => subscription?.interval ?? 'month'

export type PlanAction =
  /** Nothing to do: this is the plan and interval the shop pays for now. */
  | { kind: 'current' }
  /** No live subscription: POST /billing/checkout, then the browser goes to Stripe. */
  | { kind: 'checkout'; label: string }
  /** A live subscription: POST /billing/change after a confirm step (proration applies). */
  | { kind: 'change'; label: string; confirm: string }

/**
 * What choosing `plan` at `interval` does for a shop whose subscription is `subscription`: the
 * current plan at the current interval is marked, not offered; with a live subscription, a change
 * (the confirm step says proration applies); otherwise a Stripe Checkout.
 */
export function planAction(plan: PlanChoice, interval: Interval, subscription: SubscriptionSummary, locale = 'en'): PlanAction {
  const live = hasLiveSubscription(subscription)
  const price = priceText(plan, interval, locale)
  if (plan.current && live && (subscription.interval === interval || subscription.interval === null)) return { kind: 'current' }
  if (!live) return { kind: 'checkout', label: `Subscribe to ${plan.name}` }
  const samePlan = plan.current
  const label = samePlan ? `Switch to ${interval === 'year' ? 'yearly' : 'monthly'} billing` : `Change to ${plan.name}`
  const what = samePlan ? `${plan.name} billed ${interval === 'year' ? 'yearly' : 'monthly'} (${price})` : `${plan.name} (${price})`
  return {
    kind: 'change',
    label,
    confirm: `Change the subscription to ${what}? Proration applies: Stripe credits the unused time of the current plan and charges the new plan's price for the rest of the period, on the next invoice.`,
  }
}

/** The plans sorted for the picker: by the chosen interval's price, then name. */
export const sortedPlans = (plans: PlanChoice[], interval: Interval): PlanChoice[] => [...plans].sort((a, b) => priceOf(a, interval) - priceOf(b, interval) || a.name.localeCompare(b.name))
