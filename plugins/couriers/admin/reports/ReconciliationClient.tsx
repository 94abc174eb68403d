'use client'

import { useCallback, useEffect, useId, useState } from 'react'

import { useApiUrl, useCourierApi } from '../api'
import { formatMoney, lastDays, query } from '../format'
import { FLAG_LABELS } from '../labels'
import { FLAGS, type LedgerTotals, type Reconciliation } from '../report-types'
import { LedgerTable } from './LedgerTable'
import { PayoutTools } from './PayoutTools'
import { AccountPicker, type Period, PeriodPicker, useAccounts } from './Pickers'

function Totals({ totals, currency }: { totals: LedgerTotals; currency: string }) {
  const money = (v: number) => formatMoney(v, currency)
  const items: [string, string, string?][] = [
    ['Parcels', String(totals.shipments)],
    ['Cash expected', money(totals.expected)],
    ['Collected', money(totals.collected)],
    ['Paid out', money(totals.settled)],
    ['Still owed', money(totals.outstanding), 'Collected cash less the courier’s fees, not paid out yet.'],
    ['Delivery fees', money(totals.deliveryFees)],
    ['COD fees', money(totals.codFees)],
    ['Flagged', String(totals.flagged)],
  ]
  return (
    <dl className="courier-totals" data-testid="reconciliation-totals">
      {items.map(([label, value, hint]) => (
        <div className={label === 'Flagged' && totals.flagged > 0 ? 'courier-totals__item--flagged' : undefined} key={label} title={hint}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * The cash-on-delivery reconciliation of the shop selected in the admin (GET
 * /api/couriers/reconciliation): account, period and flag pickers, the totals, the parcels
 * (flagged first, "Mark settled"), the CSV export of the same rows, and the chosen account's
 * payout import and sync.
 */
export function ReconciliationClient() {
  const api = useCourierApi()
  const urlOf = useApiUrl()
  const id = useId()
  const accounts = useAccounts()
  const [account, setAccount] = useState('')
  // No period chosen yet: the server's default (the last 30 days in the shop's time zone, not the browser's) fills the pickers.
  const [period, setPeriod] = useState<Period | null>(null)
  const [flag, setFlag] = useState('')
  const [data, setData] = useState<Reconciliation | null>(null)
  const [error, setError] = useState<null | string>(null)
  const [loading, setLoading] = useState(true)
  const [nonce, setNonce] = useState(0)
  const reload = useCallback(() => setNonce((n) => n + 1), [])
  const params = { account, from: period?.from, to: period?.to, flag }

  const path = `/couriers/reconciliation${query(params)}`
  useEffect(() => {
    const controller = new AbortController()
    setLoading(true)
    void api<Reconciliation>(path, { signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return
      setLoading(false)
      if (res.ok) {
        setData(res.data)
        setError(null)
      } else {
        setData(null)
        setError(res.message)
      }
    })
    return () => controller.abort()
  }, [api, path, nonce])

  return (
    <div className="courier-report" data-testid="reconciliation">
      <div className="courier-report__controls">
        <AccountPicker accounts={accounts} onChange={setAccount} value={account} />
        <PeriodPicker onChange={setPeriod} value={period ?? data?.period ?? lastDays()} />
        <label className="courier-report__control" htmlFor={`${id}-flag`}>
          Show
          <select id={`${id}-flag`} onChange={(e) => setFlag(e.target.value)} value={flag}>
            <option value="">Every parcel</option>
            <option value={FLAGS.join(',')}>Flagged only</option>
            {FLAGS.map((f) => (
              <option key={f} value={f}>
                {FLAG_LABELS[f].label}
              </option>
            ))}
          </select>
        </label>
        <a className="btn btn--style-secondary btn--size-small courier-report__export" download href={urlOf(`/couriers/reconciliation${query({ ...params, format: 'csv' })}`)}>
          Export CSV
        </a>
      </div>
      <PayoutTools account={accounts.find((a) => a.id === account)} onChange={reload} />
      {error && (
        <p className="courier-error" role="alert">
          {error}
        </p>
      )}
      {loading && !data && <p className="courier-note">Loading…</p>}
      {data && (
        <>
          <Totals currency={data.currency} totals={data.totals} />
          {data.rows.length === 0 ? (
            <p className="courier-report__empty">{flag ? 'No parcel with that flag in this period.' : 'No parcels were booked in this period.'}</p>
          ) : (
            <LedgerTable currency={data.currency} onChange={reload} rows={data.rows} />
          )}
        </>
      )}
    </div>
  )
}
