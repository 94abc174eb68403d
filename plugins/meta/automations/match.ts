import type { Automation } from '../../../payload-types'
import { WEEKDAYS } from '../model'

/** Regexes are run on this much of a message at most (a careless pattern stays cheap). */
const MAX_TEXT = 1_000

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A keyword rule: any keyword as a whole word or phrase, in any case (letters of any script). */
export function keywordMatches(keywords: readonly string[], text: string): boolean {
  return keywords.some((k) => k.trim() && new RegExp(`(^|[^\\p{L}\\p{N}])${escape(k.trim())}($|[^\\p{L}\\p{N}])`, 'iu').test(text))
}

export function regexMatches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'iu').test(text.slice(0, MAX_TEXT))
  } catch {
    return false
  }
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/**
 * Whether `now` falls outside the opening hours in the tenant's time zone. Hours that cross
 * midnight (22:00–02:00) are understood; the day is the day the opening started.
 */
export function isOutsideHours(rule: Pick<Automation, 'opensAt' | 'closesAt' | 'days'>, fallback: { start: string; end: string }, timeZone: string, now = new Date()): boolean {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now).map((p) => [p.type, p.value]))
  const day = WEEKDAYS.indexOf(String(parts.weekday).toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number])
  const at = Number(parts.hour) * 60 + Number(parts.minute)
  const open = minutes(rule.opensAt || fallback.start)
  const close = minutes(rule.closesAt || fallback.end)
  const days = rule.days?.length ? rule.days.map((d) => WEEKDAYS.indexOf(d)) : [0, 1, 2, 3, 4, 5, 6]
  const isOpenDay = (d: number) => days.includes(((d % 7) + 7) % 7)
  if (open === close) return !isOpenDay(day)
  if (open < close) return !(isOpenDay(day) && at >= open && at < close)
  // Across midnight: open late on an open day, or early on the morning after one.
  return !((isOpenDay(day) && at >= open) || (isOpenDay(day - 1) && at < close))
}
