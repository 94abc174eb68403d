import type { ParamError } from './errors'
import { addDays, dayMs, daysBetween, todayIn } from './rollup/days'

export const PERIODS = ['today', '7d', '30d', 'month', 'custom'] as const
export type PeriodName = (typeof PERIODS)[number]
/** The longest custom period (a leap year and a day's slack). */
export const MAX_PERIOD_DAYS = 366

/** Whole calendar days `from`..`to`, both included, in the shop's time zone; `previous` is as long and ends the day before. */
export type Periods = { name: PeriodName; from: string; to: string; days: number; previous: { from: string; to: string } }

/** The query parameters a summary is read with (the endpoint's `req.query`, the view's `searchParams`). */
export type Query = Record<string, unknown> | undefined

/** A query parameter as one string ('' when absent; an array — `?a=1&a=2` — is an error). */
export function queryString(query: Query, name: string, errors: ParamError[]): string {
  const value = query?.[name]
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') {
    errors.push({ path: name, message: 'Give it once, as a single value.' })
    return ''
  }
  return value.trim()
}

/**
 * `?period=today|7d|30d|month|custom` (default 7d) — `custom` with `from` and `to` (YYYY-MM-DD,
 * at most 366 days, not in the future); `month` is this calendar month so far. The previous
 * period has as many days and ends the day before `from`.
 */
export function queryPeriods(query: Query, timeZone: string, errors: ParamError[], now = new Date()): Periods {
  const today = todayIn(timeZone, now)
  const raw = queryString(query, 'period', errors) || '7d'
  const name = (PERIODS as readonly string[]).includes(raw) ? (raw as PeriodName) : null
  if (!name) errors.push({ path: 'period', message: `One of ${PERIODS.join(', ')}.` })
  let from = today
  let to = today
  if (name === '7d') from = addDays(today, -6)
  else if (name === '30d') from = addDays(today, -29)
  else if (name === 'month') from = `${today.slice(0, 8)}01`
  else if (name === 'custom') {
    const rawFrom = queryString(query, 'from', errors)
    const rawTo = queryString(query, 'to', errors)
    if (dayMs(rawFrom) === null) errors.push({ path: 'from', message: 'A date: YYYY-MM-DD.' })
    if (dayMs(rawTo) === null) errors.push({ path: 'to', message: 'A date: YYYY-MM-DD.' })
    if (dayMs(rawFrom) !== null && dayMs(rawTo) !== null) {
      if (rawFrom > rawTo) errors.push({ path: 'from', message: '`from` is after `to`.' })
      else if (daysBetween(rawFrom, rawTo) > MAX_PERIOD_DAYS) errors.push({ path: 'to', message: `At most ${MAX_PERIOD_DAYS} days from \`from\`.` })
      else if (rawTo > today) errors.push({ path: 'to', message: `Not after today (${today}).` })
      from = rawFrom
      to = rawTo
    }
  }
  const days = daysBetween(from, to)
  return { name: name ?? '7d', from, to, days, previous: { from: addDays(from, -days), to: addDays(from, -1) } }
}
