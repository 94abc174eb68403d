import { limitWords } from '../errors'
import type { LimitName } from '../options'
import type { LimitUsage } from '../usage'

/** "WhatsApp numbers", "Orders this month": the limit's words, capitalised, for headings. */
export const limitLabel = (limit: LimitName): string => {
  const words = limitWords(limit)
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** "Orders": a monthly metric's name without "this month", for the 12-month chart. */
export const metricLabel = (limit: LimitName): string => limitLabel(limit).replace(/ this month$/, '')

/**
 * How a limit is drawn: `ok` below 80 %, `warning` from 80 %, `over` at 100 % or more (nothing
 * more fits), `unlimited` without a max, `excluded` for a limit of 0 the tenant does not use
 * (a feature the plan lacks, not a limit being approached).
 */
export type BarLevel = 'excluded' | 'ok' | 'over' | 'unlimited' | 'warning'

export const barLevel = (usage: Pick<LimitUsage, 'level' | 'max' | 'used'>): BarLevel => (usage.max === null ? 'unlimited' : usage.max === 0 && usage.used === 0 ? 'excluded' : usage.level)

/** "2026-11" → "November 2026". */
export function periodLabel(period: string, language = 'en'): string {
  const [year, month] = period.split('-').map(Number)
  if (!year || !month) return period
  try {
    return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1))
  } catch {
    return period
  }
}

/** "Nov 25" for chart axes. */
export function shortPeriodLabel(period: string, language = 'en'): string {
  const [year, month] = period.split('-').map(Number)
  if (!year || !month) return period
  try {
    return new Intl.DateTimeFormat(language, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1))
  } catch {
    return period
  }
}

export const formatNumber = (value: number, language = 'en'): string => {
  try {
    return new Intl.NumberFormat(language).format(value)
  } catch {
    return String(value)
  }
}
