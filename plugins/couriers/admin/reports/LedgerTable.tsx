'use client'

import { Button, Link, useConfig } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { Fragment, useId, useState } from 'react'

import { useCourierApi } from '../api'
import { formatDateTime, formatMoney, parseMajor, toMajorInput } from '../format'
import { FLAG_LABELS, flagLabel, providerLabel } from '../labels'
import type { LedgerRow } from '../report-types'
import { StatusBadge } from '../StatusBadge'

/** Flagged rows first (the server's order kept within each part). */
export const flaggedFirst = (rows: LedgerRow[]) => [...rows.filter((r) => r.flags.length > 0), ...rows.filter((r) => r.flags.length === 0)]

/** A row may be marked settled once cash was collected and no payout paid it yet. */
const settleable = (r: LedgerRow) => !r.settlementRef && (r.collected ?? 0) > 0

function SettleForm({ row, currency, onDone, onCancel }: { row: LedgerRow; currency: string; onDone: () => void; onCancel: () => void }) {
  const api = useCourierApi()
  const id = useId()
  const due = Math.max(0, (row.collected ?? 0) - (row.deliveryFee ?? 0) - (row.codFee ?? 0))
  const [reference, setReference] = useState('')
  const [amount, setAmount] = useState(toMajorInput(due, currency))
  const [note, setNote] = useState('')
  const [error, setError] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    const paid = amount.trim() === '' ? null : parseMajor(amount, currency)
    if (!reference.trim()) return setError('The payout’s reference: the courier’s payout id, or the bank / bKash transaction id.')
    if (amount.trim() !== '' && paid === null) return setError('The amount paid: a number of zero or more, e.g. 1250.50.')
    setBusy(true)
    const res = await api(`/shipments/${row.shipment}/settle`, { method: 'POST', body: { reference: reference.trim(), amount: paid ?? undefined, note: note.trim() || undefined } })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    onDone()
  }
  return (
    <div className="courier-settle" data-testid="settle-form">
      <label htmlFor={`${id}-ref`}>
        Payout reference
        <input autoFocus id={`${id}-ref`} maxLength={100} onChange={(e) => setReference(e.target.value)} placeholder="e.g. Steadfast payment 9001" value={reference} />
      </label>
      <label htmlFor={`${id}-amount`}>
        Paid for this parcel
        <input id={`${id}-amount`} inputMode="decimal" onChange={(e) => setAmount(e.target.value)} value={amount} />
      </label>
      <label htmlFor={`${id}-note`}>
        Note
        <input id={`${id}-note`} maxLength={500} onChange={(e) => setNote(e.target.value)} value={note} />
      </label>
      <Button buttonStyle="primary" disabled={busy} margin={false} onClick={() => void save()} size="small">
        {busy ? 'Saving…' : 'Save'}
      </Button>
      <Button buttonStyle="secondary" disabled={busy} margin={false} onClick={onCancel} size="small">
        Cancel
      </Button>
      {error && (
        <p className="courier-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/**
 * The reconciliation, parcel by parcel: flagged rows first with their flags as pills (the hint
 * on hover), money in the shop's currency, the order linked, and "Mark settled" on a parcel
 * whose cash was collected but not paid out (a reference, and the amount paid: its cash less
 * the fees unless changed). `onChange` reloads after a settlement.
 */
export function LedgerTable({ rows, currency, onChange }: { rows: LedgerRow[]; currency: string; onChange: () => void }) {
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  const [settling, setSettling] = useState<null | string>(null)
  const money = (v: null | number) => formatMoney(v, currency)
  return (
    <div className="courier-report__scroll">
      <table className="courier-table" data-testid="reconciliation-table">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Courier</th>
            <th scope="col">Tracking</th>
            <th scope="col">Status</th>
            <th className="courier-table__num" scope="col">
              Expected
            </th>
            <th className="courier-table__num" scope="col">
              Collected
            </th>
            <th className="courier-table__num" scope="col">
              Fees
            </th>
            <th className="courier-table__num" scope="col">
              Settled
            </th>
            <th scope="col">Payout</th>
            <th scope="col">Flags</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {flaggedFirst(rows).map((r) => (
            <Fragment key={r.shipment}>
              <tr className={r.flags.length ? 'courier-table__row--flagged' : undefined} data-order={r.orderNumber ?? ''} data-testid="reconciliation-row">
                <th scope="row">
                  <Link href={formatAdminURL({ adminRoute, path: `/collections/orders/${r.order}` })} prefetch={false}>
                    {r.orderNumber ?? r.order.slice(0, 8)}
                  </Link>
                  <div className="courier-table__sub">{r.paymentMethod === 'cod' ? 'Cash on delivery' : 'Prepaid'}</div>
                </th>
                <td>{providerLabel(r.provider)}</td>
                <td>{r.trackingCode ? <code>{r.trackingCode}</code> : '—'}</td>
                <td>
                  <StatusBadge shipment={{ bookingState: 'booked', status: r.status }} />
                  {r.deliveredAt && <div className="courier-table__sub">{formatDateTime(r.deliveredAt)}</div>}
                </td>
                <td className="courier-table__num">{money(r.expected)}</td>
                <td className="courier-table__num">{money(r.collected)}</td>
                <td className="courier-table__num" title={`Delivery ${money(r.deliveryFee)}, COD ${money(r.codFee)}`}>
                  {r.deliveryFee === null && r.codFee === null ? '—' : money((r.deliveryFee ?? 0) + (r.codFee ?? 0))}
                </td>
                <td className="courier-table__num">{money(r.settled)}</td>
                <td>
                  {r.settlementRef ?? '—'}
                  {r.settledAt && <div className="courier-table__sub">{formatDateTime(r.settledAt)}</div>}
                </td>
                <td>
                  {r.flags.map((f) => (
                    <span className="courier-badge courier-badge--warning courier-flag" data-flag={f} key={f} title={FLAG_LABELS[f]?.hint}>
                      {flagLabel(f)}
                    </span>
                  ))}
                </td>
                <td>
                  {settleable(r) && settling !== r.shipment && (
                    <Button buttonStyle="secondary" margin={false} onClick={() => setSettling(r.shipment)} size="small">
                      Mark settled
                    </Button>
                  )}
                </td>
              </tr>
              {settling === r.shipment && (
                <tr className="courier-table__form">
                  <td colSpan={11}>
                    <SettleForm
                      currency={currency}
                      onCancel={() => setSettling(null)}
                      onDone={() => {
                        setSettling(null)
                        onChange()
                      }}
                      row={r}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  )
}
