import type { Format } from '../summary/sections'

/** A tile's or a cell's value as text: money by the host's format, shares as %, seconds as m/s. */
export function formatValue(value: null | number, format: Format, money: (minor: number) => string): string {
  if (value === null) return '—'
  if (format === 'money') return money(Math.round(value))
  if (format === 'percent') return `${(value * 100).toFixed(1)} %`
  if (format === 'seconds') return value < 90 ? `${Math.round(value)} s` : value < 5400 ? `${Math.round(value / 60)} min` : `${(value / 3600).toFixed(1)} h`
  return new Intl.NumberFormat('en').format(value)
}

/** The change against the previous period, as text and a direction (null when there is nothing to compare). */
export function deltaOf(value: null | number, previous: null | number): null | { text: string; direction: 'up' | 'down' | 'flat' } {
  if (value === null || previous === null) return null
  if (previous === 0) return value === 0 ? { text: 'no change', direction: 'flat' } : { text: 'new', direction: 'up' }
  const change = (value - previous) / Math.abs(previous)
  if (Math.abs(change) < 0.0005) return { text: 'no change', direction: 'flat' }
  return { text: `${change > 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)} %`, direction: change > 0 ? 'up' : 'down' }
}
