const formatters = new Map<string, Intl.DateTimeFormat>()

function partsIn(date: Date, timezone: string): { year: string; month: string; day: string } {
  let format = formatters.get(timezone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timezone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]))
  return { year: parts.year, month: parts.month, day: parts.day }
}

/** The calendar month `date` falls in, in `timezone`: `2026-11`. */
export function periodOf(date: Date, timezone: string): string {
  const { year, month } = partsIn(date, timezone)
  return `${year}-${month}`
}

/** The calendar day `date` falls on, in `timezone`: `2026-11-23`. */
export function dayOf(date: Date, timezone: string): string {
  const { year, month, day } = partsIn(date, timezone)
  return `${year}-${month}-${day}`
}

/** The `count` months ending with `period`, oldest first: ('2026-02', 3) → 2025-12, 2026-01, 2026-02. */
export function periodsEndingWith(period: string, count: number): string[] {
  const [year, month] = period.split('-').map(Number)
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1))
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  })
}
