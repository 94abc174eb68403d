const DAY_MS = 86_400_000

/** Milliseconds of a calendar date `YYYY-MM-DD` at UTC midnight, or null when it is not one. */
export function dayMs(text: string): null | number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null
}

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
export const addDays = (day: string, n: number) => isoDay((dayMs(day) ?? 0) + n * DAY_MS)
export const daysBetween = (from: string, to: string) => Math.round(((dayMs(to) ?? 0) - (dayMs(from) ?? 0)) / DAY_MS) + 1

/** Today's calendar date in `timeZone` (YYYY-MM-DD). */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}

/** Sorted distinct days as contiguous runs `[from, to]`, each at most `maxDays` long. */
export function runsOf(days: string[], maxDays: number): { from: string; to: string }[] {
  const sorted = [...new Set(days)].filter((d) => dayMs(d) !== null).sort()
  const runs: { from: string; to: string }[] = []
  for (const day of sorted) {
    const last = runs.at(-1)
    if (last && addDays(last.to, 1) === day && daysBetween(last.from, day) <= maxDays) last.to = day
    else runs.push({ from: day, to: day })
  }
  return runs
}
