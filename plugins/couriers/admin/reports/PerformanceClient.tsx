'use client'

import { useEffect, useId, useMemo, useState } from 'react'

import { useCourierApi } from '../api'
import { asPercent, formatMoney, formatPercent, lastDays, query } from '../format'
import { providerLabel } from '../labels'
import type { Performance, PerformanceRow } from '../report-types'
import { HoursChart, RatesChart } from './PerformanceCharts'
import { perCourier } from './performance-data'
import { AccountPicker, type Period, PeriodPicker, useAccounts } from './Pickers'

type GroupBy = 'none' | 'district' | 'zone'

const hours = (v: null | number) => (v === null ? '—' : `${v.toFixed(1)} h`)
const days = (v: null | number) => (v === null ? '—' : `${v.toFixed(1)} d`)

/** Every row of the answer, as numbers: for screen readers, copying, and the groups the charts add up. */
function NumbersTable({ rows, currency, grouped }: { rows: PerformanceRow[]; currency: string; grouped: boolean }) {
  return (
    <details className="courier-chart__data">
      <summary>Show the numbers</summary>
      <div className="courier-report__scroll">
        <table className="courier-table" data-testid="performance-table">
          <thead>
            <tr>
              <th scope="col">Courier</th>
              {grouped && <th scope="col">Area</th>}
              <th scope="col">Payment</th>
              <th className="courier-table__num" scope="col">
                Booked
              </th>
              <th className="courier-table__num" scope="col">
                Delivered
              </th>
              <th className="courier-table__num" scope="col">
                First attempt
              </th>
              <th className="courier-table__num" scope="col">
                Partial
              </th>
              <th className="courier-table__num" scope="col">
                Returned
              </th>
              <th className="courier-table__num" scope="col">
                Cancelled
              </th>
              <th className="courier-table__num" scope="col">
                Pickup → delivery
              </th>
              <th className="courier-table__num" scope="col">
                Avg fee
              </th>
              <th className="courier-table__num" scope="col">
                COD expected
              </th>
              <th className="courier-table__num" scope="col">
                COD collected
              </th>
              <th className="courier-table__num" scope="col">
                Paid out after
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.account}-${r.area ?? ''}-${r.payment}-${i}`}>
                <th scope="row">
                  {r.accountLabel || providerLabel(r.provider)}
                  <div className="courier-table__sub">{providerLabel(r.provider)}</div>
                </th>
                {grouped && <td>{r.area ?? '—'}</td>}
                <td>{r.payment === 'cod' ? 'COD' : 'Prepaid'}</td>
                <td className="courier-table__num">{r.booked}</td>
                <td className="courier-table__num">{r.delivered}</td>
                <td className="courier-table__num">{formatPercent(asPercent(r.firstAttemptRate))}</td>
                <td className="courier-table__num">{formatPercent(asPercent(r.partialRate))}</td>
                <td className="courier-table__num">{formatPercent(asPercent(r.returnRate))}</td>
                <td className="courier-table__num">{formatPercent(asPercent(r.cancelRate))}</td>
                <td className="courier-table__num">{hours(r.avgPickupToDeliveryHours)}</td>
                <td className="courier-table__num">{formatMoney(r.avgDeliveryFee, currency)}</td>
                <td className="courier-table__num">{formatMoney(r.codExpected, currency)}</td>
                <td className="courier-table__num">{formatMoney(r.codCollected, currency)}</td>
                <td className="courier-table__num">{days(r.avgRemittanceLagDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

/**
 * Courier performance of the shop selected in the admin (GET /api/couriers/performance): per
 * courier account, delivered / first-attempt / returned / cancelled as % of parcels booked and
 * the hours from pickup to delivery, as charts; every group (by district or zone when chosen)
 * in "Show the numbers"; an empty state when nothing was booked in the period.
 */
export function PerformanceClient() {
  const api = useCourierApi()
  const id = useId()
  const accounts = useAccounts()
  const [account, setAccount] = useState('')
  // No period chosen yet: the server's default (the last 30 days in the shop's time zone, not the browser's) fills the pickers.
  const [period, setPeriod] = useState<Period | null>(null)
  const [groupBy, setGroupBy] = useState<GroupBy>('none')
  const [data, setData] = useState<Performance | null>(null)
  const [error, setError] = useState<null | string>(null)
  const path = `/couriers/performance${query({ account, from: period?.from, to: period?.to, groupBy })}`

  useEffect(() => {
    const controller = new AbortController()
    void api<Performance>(path, { signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return
      if (res.ok) {
        setData(res.data)
        setError(null)
      } else {
        setData(null)
        setError(res.message)
      }
    })
    return () => controller.abort()
  }, [api, path])

  const couriers = useMemo(() => perCourier(data?.rows ?? []), [data])
  return (
    <div className="courier-report" data-testid="performance">
      <div className="courier-report__controls">
        <AccountPicker accounts={accounts} onChange={setAccount} value={account} />
        <PeriodPicker onChange={setPeriod} value={period ?? data?.period ?? lastDays()} />
        <label className="courier-report__control" htmlFor={`${id}-group`}>
          Rows by
          <select id={`${id}-group`} onChange={(e) => setGroupBy(e.target.value as GroupBy)} value={groupBy}>
            <option value="none">Courier and payment</option>
            <option value="district">District</option>
            <option value="zone">District and zone</option>
          </select>
        </label>
      </div>
      {error && (
        <p className="courier-error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p className="courier-note">Loading…</p>}
      {data &&
        (data.rows.length === 0 ? (
          <p className="courier-report__empty">No parcels were booked in this period: the charts fill in as your couriers deliver.</p>
        ) : (
          <>
            <RatesChart couriers={couriers} />
            <HoursChart couriers={couriers} />
            <NumbersTable currency={data.currency} grouped={groupBy !== 'none'} rows={data.rows} />
          </>
        ))}
    </div>
  )
}
