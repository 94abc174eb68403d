'use client'

import { Button, useSelection } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useId, useState } from 'react'

import type { Order } from '../../../payload-types'
import { useCourierApi } from './api'
import { BatchProgress, type Refused } from './BatchProgress'
import { providerLabel } from './labels'
import { useBookable } from './use-bookable'
import './couriers-admin.scss'

/** Most orders one booking takes (the endpoint's limit). */
const MAX = 500

type Run = { batch: null | string; total: number; refused: Refused[]; skipped: number; error: null | string; done: boolean }

/**
 * "Book with a courier" above the orders list (`beforeListTable`): with orders selected, choose
 * an account and book the selected confirmed ones in one go (others are left out and counted).
 * A progress bar (booked + failed of total) follows the batch, then one line per order: its
 * tracking code, or the courier's reason, or why it was refused. The list is refreshed at the end.
 */
export function BulkBookButton() {
  const api = useCourierApi()
  const router = useRouter()
  const id = useId()
  const { count, getQueryParams } = useSelection()
  const { accounts, refusal } = useBookable(null, count > 0)
  const [accountId, setAccountId] = useState('')
  const [run, setRun] = useState<null | Run>(null)
  const [busy, setBusy] = useState(false)

  if (count === 0 && !run) return null
  const account = accounts?.find((a) => a.id === accountId) ?? accounts?.find((a) => a.isDefault) ?? accounts?.[0]

  const book = async () => {
    if (!account) return
    setBusy(true)
    // The selected orders that are confirmed (the selection's own query: the page's ticks, or every page's).
    const found = await api<{ docs: Pick<Order, 'id' | 'number'>[]; totalDocs: number }>(`/orders${getQueryParams({ status: { equals: 'confirmed' } })}&depth=0&limit=${MAX}&select[number]=true`)
    if (!found.ok) {
      setBusy(false)
      setRun({ batch: null, total: 0, refused: [], skipped: 0, error: found.message, done: true })
      return
    }
    const orders = found.data.docs.map((o) => o.id)
    const skipped = Math.max(0, count - found.data.totalDocs) + Math.max(0, found.data.totalDocs - orders.length)
    if (orders.length === 0) {
      setBusy(false)
      setRun({ batch: null, total: 0, refused: [], skipped, error: 'None of the selected orders is confirmed: only confirmed orders are booked.', done: true })
      return
    }
    const res = await api<{ batch: string; accepted: { order: string }[]; refused: Refused[] }>('/shipments/book', { method: 'POST', body: { account: account.id, orders } })
    setBusy(false)
    if (!res.ok) return setRun({ batch: null, total: 0, refused: [], skipped, error: res.message, done: true })
    const { batch, accepted, refused } = res.data
    setRun({ batch: accepted.length > 0 ? batch : null, total: accepted.length, refused, skipped, error: null, done: accepted.length === 0 })
    if (accepted.length === 0) router.refresh()
  }

  return (
    <section aria-label="Book with a courier" className="courier-bulk" data-testid="courier-bulk">
      {count > 0 && !run && (
        <div className="courier-bulk__bar">
          <span>{count} selected. Book the confirmed ones with</span>
          {refusal ? (
            <span className="courier-note">{refusal}</span>
          ) : accounts === null ? (
            <span className="courier-note">loading accounts…</span>
          ) : accounts.length === 0 ? (
            <span className="courier-note">no active courier account (add one under Delivery → Couriers).</span>
          ) : (
            <>
              <label className="sr-only" htmlFor={`${id}-account`}>
                Courier account
              </label>
              <select id={`${id}-account`} onChange={(e) => setAccountId(e.target.value)} value={account?.id}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label} ({providerLabel(a.provider)})
                  </option>
                ))}
              </select>
              <Button buttonStyle="primary" disabled={busy || !account} margin={false} onClick={() => void book()} size="small">
                {busy ? 'Booking…' : 'Book selected'}
              </Button>
            </>
          )}
        </div>
      )}
      {run && (
        <div className="courier-bulk__run">
          {run.error && (
            <p className="courier-error" role="alert">
              {run.error}
            </p>
          )}
          {run.skipped > 0 && <p className="courier-note">{run.skipped} selected order(s) left out: not confirmed.</p>}
          {run.batch ? (
            <BatchProgress
              batch={run.batch}
              list
              onDone={() => {
                setRun((r) => (r ? { ...r, done: true } : r))
                router.refresh()
              }}
              refused={run.refused}
              total={run.total}
            />
          ) : (
            run.refused.length > 0 && (
              <ul aria-label="Booking results" className="courier-results">
                {run.refused.map((r) => (
                  <li className="courier-results__item courier-results__item--refused" key={r.order}>
                    <strong>{r.number ?? r.order.slice(0, 8)}</strong> <span className="courier-error">{r.message}</span>
                  </li>
                ))}
              </ul>
            )
          )}
          {run.done && (
            <Button buttonStyle="secondary" margin={false} onClick={() => setRun(null)} size="small">
              Close
            </Button>
          )}
        </div>
      )}
    </section>
  )
}
