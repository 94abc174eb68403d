'use client'

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'

import { formatCount } from './format'
import { statusRows } from './status'
import type { StatusCounts } from './types'

const tooltipStyle = {
  contentStyle: { background: 'var(--theme-elevation-0)', border: '1px solid var(--theme-elevation-150)', borderRadius: 4, color: 'var(--theme-text)' },
  labelStyle: { color: 'var(--theme-text)', fontWeight: 600 },
}
const axisTick = { fill: 'var(--theme-elevation-600)', fontSize: 12 }

/** Subscriptions by status: one bar each (recharts, Payload's theme colours), an empty state, and the numbers under "Show the numbers". */
export function StatusChart({ byStatus }: { byStatus: Partial<StatusCounts> }) {
  const rows = statusRows(byStatus)
  const empty = rows.every((r) => r.count === 0)
  const title = 'Subscriptions by status'
  return (
    <figure className="billing-chart" data-chart="by-status" data-testid="billing-by-status">
      <figcaption className="billing-chart__title">{title}</figcaption>
      {empty ? (
        <p className="billing__empty">No shop has a subscription yet.</p>
      ) : (
        <>
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} responsive style={{ width: '100%', height: 240 }}>
            <CartesianGrid stroke="var(--theme-elevation-100)" strokeDasharray="3 3" />
            <XAxis dataKey="label" stroke="var(--theme-elevation-300)" tick={axisTick} />
            <YAxis allowDecimals={false} stroke="var(--theme-elevation-300)" tick={axisTick} width={48} />
            <Tooltip {...tooltipStyle} />
            <Bar dataKey="count" fill="var(--color-blue-500)" isAnimationActive={false} name="Shops" />
          </BarChart>
          <details className="billing-chart__data">
            <summary>Show the numbers</summary>
            <table className="billing-chart__table">
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Shops</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-status={r.status} key={r.status}>
                    <th scope="row">{r.label}</th>
                    <td>{formatCount(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  )
}
