import type { PayloadRequest } from 'payload'

import { fail } from '../errors'

/** One wrong query parameter, named as the 400 names it. */
export type ParamError = { path: string; message: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DAY_MS = 86_400_000
/** The longest period a report covers (a leap year and a day's slack). */
export const MAX_PERIOD_DAYS = 366
/** The period a report covers when it names none: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30

/** A query parameter as one string ('' when absent; an array — `?a=1&a=2` — is an error). */
export function queryString(req: PayloadRequest, name: string, errors: ParamError[]): string {
  const value = req.query?.[name]
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') {
    errors.push({ path: name, message: 'Give it once, as a single value.' })
    return ''
  }
  return value.trim()
}

/** A document id parameter, or null when absent (a malformed one is an error). */
export function queryUuid(req: PayloadRequest, name: string, errors: ParamError[]): null | string {
  const value = queryString(req, name, errors)
  if (!value) return null
  if (!UUID.test(value)) {
    errors.push({ path: name, message: 'Not an id.' })
    return null
  }
  return value.toLowerCase()
}

/** Milliseconds of a calendar date `YYYY-MM-DD` at UTC midnight, or null when it is not one. */
function dayOf(text: string): null | number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null
}

/** Today's calendar date in `timeZone` (YYYY-MM-DD). */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}

/** A report's period: whole calendar days `from`..`to`, both included, in the shop's time zone. */
export type Period = { from: string; to: string }

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD`: real dates, `from` not after `to`, at most 366 days. Either
 * may be left out: `to` is today (in the shop's time zone), `from` 29 days before `to`.
 */
export function queryPeriod(req: PayloadRequest, timeZone: string, errors: ParamError[], now = new Date()): Period {
  const rawFrom = queryString(req, 'from', errors)
  const rawTo = queryString(req, 'to', errors)
  const to = rawTo ? dayOf(rawTo) : dayOf(todayIn(timeZone, now))
  if (to === null) errors.push({ path: 'to', message: 'A date: YYYY-MM-DD.' })
  const from = rawFrom ? dayOf(rawFrom) : to === null ? null : to - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS
  if (from === null && rawFrom) errors.push({ path: 'from', message: 'A date: YYYY-MM-DD.' })
  if (from !== null && to !== null) {
    if (from > to) errors.push({ path: 'from', message: '`from` is after `to`.' })
    else if ((to - from) / DAY_MS + 1 > MAX_PERIOD_DAYS) errors.push({ path: 'to', message: `At most ${MAX_PERIOD_DAYS} days from \`from\`.` })
  }
  const iso = (ms: null | number) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 10))
  return { from: iso(from), to: iso(to) }
}

/** One of `allowed`, or `fallback` when absent. */
export function queryChoice<T extends string>(req: PayloadRequest, name: string, allowed: readonly T[], fallback: T, errors: ParamError[]): T {
  const value = queryString(req, name, errors)
  if (!value) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  errors.push({ path: name, message: `One of: ${allowed.join(', ')}.` })
  return fallback
}

/** Throws the 400 that names every wrong parameter, when there is one. */
export function refuseIfAny(errors: ParamError[]): void {
  if (errors.length === 0) return
  throw fail('invalid_input', errors.map((e) => `${e.path}: ${e.message}`).join(' '), 400, { errors })
}
