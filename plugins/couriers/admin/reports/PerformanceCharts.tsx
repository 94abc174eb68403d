'use client'

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'

import type { CourierTotals } from './performance-data'

/** Bar colours that read in the light and the dark theme (Payload's palette). */
const COLOURS = ['var(--color-success-500, var(--color-blue-500))', 'var(--color-blue-300)', 'var(--theme-error-500, var(--color-error-500))', 'var(--theme-elevation-450)']
const tooltipStyle = {
  contentStyle: { background: 'var(--theme-elevation-0)', border: '1px solid var(--theme-elevation-150)', borderRadius: 4, color: 'var(--theme-text)' },
  labelStyle: { color: 'var(--theme-text)', fontWeight: 600 },
}
const axisTick = { fill: 'var(--theme-elevation-600)', fontSize: 12 }

const RATES = [
  { key: 'deliveredPercent', label: 'Delivered %' },
  { key: 'firstAttemptPercent', label: 'First attempt %' },
  { key: 'returnPercent', label: 'Returned %' },
  { key: 'cancelPercent', label: 'Cancelled %' },
] as const

/** Delivered, first-attempt, returned and cancelled, % of parcels booked, one group of bars per courier account. */
export function RatesChart({ couriers }: { couriers: CourierTotals[] }) {
  const data = couriers.map((c) => ({ x: c.label, ...Object.fromEntries(RATES.map((r) => [r.key, c[r.key] ?? 0])) }))
  return (
    <figure className="courier-chart" data-chart="rates">
      <figcaption className="courier-chart__title">Outcomes per courier, % of parcels booked</figcaption>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} responsive style={{ width: '100%', height: 300 }}>
        <CartesianGrid stroke="var(--theme-elevation-100)" strokeDasharray="3 3" />
        <XAxis dataKey="x" stroke="var(--theme-elevation-300)" tick={axisTick} />
        <YAxis domain={[0, 100]} stroke="var(--theme-elevation-300)" tick={axisTick} tickFormatter={(v: number) => `${v} %`} width={56} />
        <Tooltip {...tooltipStyle} formatter={(v) => `${String(v)} %`} />
        <Legend wrapperStyle={{ color: 'var(--theme-text)' }} />
        {RATES.map((r, i) => (
          <Bar dataKey={r.key} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} key={r.key} name={r.label} />
        ))}
      </BarChart>
    </figure>
  )
}

/** Average hours from pickup to delivery, one bar per courier account (accounts with no timed delivery left out). */
export function HoursChart({ couriers }: { couriers: CourierTotals[] }) {
  const data = couriers.filter((c) => c.avgHours !== null).map((c) => ({ x: c.label, hours: c.avgHours }))
  return (
    <figure className="courier-chart" data-chart="hours">
      <figcaption className="courier-chart__title">Average hours from pickup to delivery</figcaption>
      {data.length === 0 ? (
        <p className="courier-report__empty">No parcel has both a pickup and a delivery time in this period yet.</p>
      ) : (
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} responsive style={{ width: '100%', height: 220 }}>
          <CartesianGrid stroke="var(--theme-elevation-100)" strokeDasharray="3 3" />
          <XAxis dataKey="x" stroke="var(--theme-elevation-300)" tick={axisTick} />
          <YAxis stroke="var(--theme-elevation-300)" tick={axisTick} width={56} />
          <Tooltip {...tooltipStyle} formatter={(v) => `${String(v)} h`} />
          <Bar dataKey="hours" fill={COLOURS[1]} isAnimationActive={false} name="Hours" />
        </BarChart>
      )}
    </figure>
  )
}
