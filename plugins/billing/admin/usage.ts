/** The usage bars' numbers (pure: testable in Node): included vs used vs billable overage per metered metric. */
import { formatCount, formatMoney } from './format'
import type { UsageLine } from './types'

export type UsageLevel = 'ok' | 'warning' | 'over' | 'unlimited'

export type UsageBar = {
  metric: string
  label: string
  level: UsageLevel
  /** `8,200 of 10,000 included`, `12,500 used · 10,000 included`, `420 used · unlimited`. */
  usedText: string
  /** Widths in % of the bar (they add up to 100 or less): the included units used, the included units left, the units above. */
  segments: { usedIncluded: number; leftIncluded: number; overage: number }
  /** Past the included amount: `2,500 over × ৳0.50 = ৳1,250.00`, or `no overage: refused at the limit`. */
  overageText: null | string
  /** The overage estimate in the shop's currency (`৳1,250.00`), or null when nothing is billed above the plan. */
  estimateText: null | string
  /** The numbers in words, for `aria-valuetext`. */
  ariaText: string
}

const round1 = (n: number) => Math.round(n * 10) / 10

/** Near the limit from this share of the included units (as the quotas' bars). */
const WARNING_SHARE = 0.8

/**
 * One metric's bar: with an included amount, the bar spans max(included, used); the included
 * part used is solid, what is left of it is the track, the units above it are the overage part.
 * Without an included amount (unlimited) there is no bar to fill. When the plan sells no overage
 * (`unitPrice` null) the metric is refused at its limit, which the words say.
 */
export function usageBar(line: UsageLine, currency: string, locale = 'en'): UsageBar {
  const used = Math.max(0, line.used)
  const count = (n: number) => formatCount(n, locale)
  if (line.included === null) {
    return {
      metric: line.metric,
      label: line.label,
      level: 'unlimited',
      usedText: `${count(used)} used · unlimited`,
      segments: { usedIncluded: 0, leftIncluded: 0, overage: 0 },
      overageText: null,
      estimateText: null,
      ariaText: `${count(used)} used, unlimited`,
    }
  }
  const included = Math.max(0, line.included)
  const overage = Math.max(0, line.overage ?? used - included, used - included)
  const span = Math.max(included, used, 1)
  const usedIncluded = Math.min(used, included)
  const segments = { usedIncluded: round1((usedIncluded / span) * 100), leftIncluded: round1(((included - usedIncluded) / span) * 100), overage: round1((overage / span) * 100) }
  const level: UsageLevel = used >= included && (overage > 0 || included > 0) ? 'over' : used >= included * WARNING_SHARE && included > 0 ? 'warning' : 'ok'
  const usedText = overage > 0 ? `${count(used)} used · ${count(included)} included` : `${count(used)} of ${count(included)} included`
  let overageText: null | string = null
  let estimateText: null | string = null
  if (line.unitPrice === null) {
    overageText = 'no overage: refused at the limit'
  } else if (overage > 0) {
    estimateText = formatMoney(line.estimate, currency, locale)
    overageText = `${count(overage)} over × ${formatMoney(line.unitPrice, currency, locale)} = ${estimateText}`
  }
  const ariaText = [
    `${count(used)} used of ${count(included)} included`,
    overage > 0 ? `${count(overage)} over` : null,
    estimateText ? `estimated ${estimateText}` : null,
    line.unitPrice === null ? 'refused at the limit' : null,
  ]
    .filter(Boolean)
    .join(', ')
  return { metric: line.metric, label: line.label, level, usedText, segments, overageText, estimateText, ariaText }
}

/** The estimate of every metric's overage together, in minor units. */
export const overageTotal = (lines: UsageLine[]): number => lines.reduce((sum, l) => sum + (l.unitPrice === null ? 0 : Math.max(0, l.estimate)), 0)
