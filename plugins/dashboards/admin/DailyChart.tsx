'use client'

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'

/** One chart of a section: a value per day, with its display text (money formatted by the server). */
export type DailySeries = {
  key: string
  label: string
  points: { day: string; value: number; display: string }[]
  /** For money: minor units per major unit (100 for taka); the axis is then written in major units, compactly (৳60K). */
  money?: { perMajor: number; symbol: string }
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })

const tooltipStyle = {
  contentStyle: { background: 'var(--theme-elevation-0)', border: '1px solid var(--theme-elevation-150)', borderRadius: 4, color: 'var(--theme-text)' },
  labelStyle: { color: 'var(--theme-text)', fontWeight: 600 },
}
const axisTick = { fill: 'var(--theme-elevation-600)', fontSize: 12 }

/** A per-day bar chart with an empty state and the numbers behind it in a table (for screen readers and copying). */
export function DailyChart({ series }: { series: DailySeries }) {
  const empty = series.points.every((p) => p.value === 0)
  return (
    <figure className="dashboards-chart" data-chart={series.key}>
      <figcaption className="dashboards-chart__title">{series.label}</figcaption>
      {empty ? (
        <p className="dashboards-home__empty">Nothing in this period yet.</p>
      ) : (
        <BarChart data={series.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} responsive style={{ width: '100%', height: 220 }}>
          <CartesianGrid stroke="var(--theme-elevation-100)" strokeDasharray="3 3" />
          <XAxis dataKey="day" stroke="var(--theme-elevation-300)" tick={axisTick} />
          <YAxis
            allowDecimals={false}
            stroke="var(--theme-elevation-300)"
            tick={axisTick}
            tickFormatter={series.money ? (v: number) => `${series.money!.symbol}${compact.format(v / series.money!.perMajor)}` : undefined}
            width={64}
          />
          <Tooltip {...tooltipStyle} formatter={(_value, _name, item) => [(item.payload as { display: string }).display, series.label]} />
          <Bar dataKey="value" fill="var(--color-blue-500)" isAnimationActive={false} name={series.label} />
        </BarChart>
      )}
      <details className="dashboards-chart__data">
        <summary>Show the numbers</summary>
        <table className="dashboards-chart__table">
          <caption>{series.label} per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">{series.label}</th>
            </tr>
          </thead>
          <tbody>
            {series.points.map((p) => (
              <tr key={p.day}>
                <th scope="row">{p.day}</th>
                <td>{p.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
