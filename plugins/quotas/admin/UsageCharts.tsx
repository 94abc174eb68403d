'use client'

import { useId, useMemo, useState } from 'react'
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'

/** One line of a chart: plain data handed over by the server component. */
export type ChartSeries = { key: string; label: string; values: number[] }

/** Line colours that read in the light and the dark theme (Payload's palette). */
const COLOURS = ['var(--color-blue-500)', 'var(--theme-elevation-800)', 'var(--color-blue-300)', 'var(--theme-elevation-450)']
const DASHES = [undefined, '6 3', '2 3', '10 4']

const tooltipStyle = {
  contentStyle: { background: 'var(--theme-elevation-0)', border: '1px solid var(--theme-elevation-150)', borderRadius: 4, color: 'var(--theme-text)' },
  labelStyle: { color: 'var(--theme-text)', fontWeight: 600 },
}
const axisTick = { fill: 'var(--theme-elevation-600)', fontSize: 12 }

const rowsOf = (labels: string[], series: ChartSeries[]) => labels.map((label, i) => Object.fromEntries([['x', label], ...series.map((s) => [s.key, s.values[i] ?? 0])]))

/** The numbers behind a chart, for screen readers and for copying. */
function DataTable({ caption, labels, series }: { caption: string; labels: string[]; series: ChartSeries[] }) {
  return (
    <details className="usage-chart__data">
      <summary>Show the numbers</summary>
      <table className="usage-chart__table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.key}>{s.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

/** The monthly metrics over the last months (one line each). */
export function MonthlyTrendChart({ labels, series, title }: { labels: string[]; series: ChartSeries[]; title: string }) {
  const rows = useMemo(() => rowsOf(labels, series), [labels, series])
  const empty = series.every((s) => s.values.every((v) => v === 0))
  return (
    <figure className="usage-chart" data-chart="monthly-trend">
      <figcaption className="usage-chart__title">{title}</figcaption>
      {empty ? (
        <p className="usage-view__empty">Nothing counted in these months yet.</p>
      ) : (
        <>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} responsive style={{ width: '100%', height: 300 }}>
            <CartesianGrid stroke="var(--theme-elevation-100)" strokeDasharray="3 3" />
            <XAxis dataKey="x" stroke="var(--theme-elevation-300)" tick={axisTick} />
            <YAxis allowDecimals={false} stroke="var(--theme-elevation-300)" tick={axisTick} width={56} />
            <Tooltip {...tooltipStyle} />
            <Legend wrapperStyle={{ color: 'var(--theme-text)' }} />
            {series.map((s, i) => (
              <Line
                dataKey={s.key}
                dot={{ r: 2 }}
                isAnimationActive={false}
                key={s.key}
                name={s.label}
                stroke={COLOURS[i % COLOURS.length]}
                strokeDasharray={DASHES[i % DASHES.length]}
                strokeWidth={2}
                type="monotone"
              />
            ))}
          </LineChart>
          <DataTable caption={title} labels={labels} series={series} />
        </>
      )}
    </figure>
  )
}

/** The daily snapshots: one limit at a time, chosen from a list. */
export function DailyHistoryChart({ days, initial, series, title }: { days: string[]; initial?: string; series: ChartSeries[]; title: string }) {
  const selectId = useId()
  const [chosen, setChosen] = useState(initial ?? series[0]?.key)
  const current = series.find((s) => s.key === chosen) ?? series[0]
  const rows = useMemo(() => (current ? rowsOf(days, [current]) : []), [days, current])
  return (
    <figure className="usage-chart" data-chart="daily-history">
      <figcaption className="usage-chart__title">{title}</figcaption>
      {days.length === 0 || !current ? (
        <p className="usage-view__empty">No daily snapshots yet: one is taken every night.</p>
      ) : (
        <>
          <label className="usage-chart__picker" htmlFor={selectId}>
            Limit{' '}
            <select id={selectId} onChange={(event) => setChosen(event.target.value)} value={current.key}>
              {series.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} responsive style={{ width: '100%', height: 200 }}>
            <CartesianGrid stroke="var(--theme-elevation-100)" strokeDasharray="3 3" />
            <XAxis dataKey="x" stroke="var(--theme-elevation-300)" tick={axisTick} tickFormatter={(day: string) => day.slice(5)} />
            <YAxis allowDecimals={false} stroke="var(--theme-elevation-300)" tick={axisTick} width={56} />
            <Tooltip {...tooltipStyle} />
            <Line dataKey={current.key} dot={{ r: 2 }} isAnimationActive={false} name={current.label} stroke={COLOURS[0]} strokeWidth={2} type="monotone" />
          </LineChart>
          <DataTable caption={`${title}: ${current.label}`} labels={days} series={[current]} />
        </>
      )}
    </figure>
  )
}
