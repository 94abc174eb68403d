'use client'

import { Button, toast } from '@payloadcms/ui'
import { useId, useState } from 'react'

import type { Shipment } from '../../../payload-types'
import { useCourierApi } from './api'
import { formatDateTime, formatMoney } from './format'
import { providerLabel, STATUS_LABELS } from './labels'
import { StatusBadge } from './StatusBadge'

const TERMINAL = new Set(['delivered', 'partially_delivered', 'returned', 'cancelled'])
/** Where the courier still takes a cancellation (after pickup it is a return, asked of the courier). */
const CANCELLABLE = new Set(['booked', 'on_hold'])

function Money({ label, value, currency, testId }: { label: string; value: null | number | undefined; currency: string; testId?: string }) {
  if (value === null || value === undefined) return null
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{formatMoney(value, currency)}</dd>
    </div>
  )
}

function History({ history }: { history: NonNullable<Shipment['history']> }) {
  if (history.length === 0) return null
  const newestFirst = [...history].reverse()
  return (
    <details className="courier-history">
      <summary>History ({history.length})</summary>
      <ol aria-label="Shipment history">
        {newestFirst.map((h, i) => (
          <li className={h.applied === false ? 'courier-history__item--ignored' : undefined} key={h.id ?? i}>
            <time>{formatDateTime(h.at)}</time> <strong>{h.status ? (STATUS_LABELS[h.status]?.label ?? h.status) : (h.rawStatus ?? '—')}</strong>
            {h.rawStatus && h.status ? <small> ({h.rawStatus})</small> : null}
            {h.source ? <small> · {h.source}</small> : null}
            {h.applied === false ? <small> · kept, not applied (older than the current status)</small> : null}
            {h.message ? <div className="courier-history__message">{h.message}</div> : null}
          </li>
        ))}
      </ol>
    </details>
  )
}

/**
 * The order's shipment: courier and account, a status badge (the courier's raw status on hover),
 * tracking code, cash expected and collected, fees, settlement, the history of every event; and
 * "Refresh from courier" (ask the courier now) and "Cancel shipment" (with a reason; only while
 * the courier has not picked the parcel up). `onChange` gets the updated shipment.
 */
export function ShipmentCard({ shipment, accountLabel, onChange }: { shipment: Shipment; accountLabel?: string; onChange: (s: Shipment) => void }) {
  const api = useCourierApi()
  const reasonId = useId()
  const [busy, setBusy] = useState<null | 'refresh' | 'cancel'>(null)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<null | string>(null)
  const s = shipment
  const currency = s.currency || 'BDT'
  const booked = s.bookingState === 'booked'
  const mayCancel = !s.status ? s.bookingState !== 'sending' : CANCELLABLE.has(s.status)

  const act = async (what: 'refresh' | 'cancel') => {
    setBusy(what)
    setError(null)
    const res = await api<{ doc: Shipment }>(`/shipments/${s.id}/${what}`, { method: 'POST', body: what === 'cancel' ? { reason: reason.trim() || undefined } : {} })
    setBusy(null)
    if (!res.ok) {
      setError(res.message)
      toast.error(res.message)
      return
    }
    if (what === 'cancel') {
      setCancelling(false)
      toast.success('Shipment cancelled.')
    } else toast.success(`The courier says: ${res.data.doc.rawStatus ?? res.data.doc.status ?? 'no change'}`)
    onChange(res.data.doc)
  }

  return (
    <section aria-label="Shipment" className="courier-shipment" data-booking-state={s.bookingState} data-status={s.status ?? ''}>
      <header className="courier-shipment__head">
        <span>
          {providerLabel(s.provider)}
          {accountLabel ? <small> · {accountLabel}</small> : null}
        </span>
        <StatusBadge shipment={s} testId="shipment-status" />
      </header>
      {s.bookingError && (
        <p className="courier-error" data-testid="shipment-error">
          {s.bookingError}
        </p>
      )}
      <dl className="courier-facts">
        <div>
          <dt>Tracking code</dt>
          <dd data-testid="shipment-tracking">{s.trackingCode ? <code>{s.trackingCode}</code> : booked ? '—' : 'Not yet'}</dd>
        </div>
        {s.consignmentId && (
          <div>
            <dt>Consignment</dt>
            <dd>
              <code>{s.consignmentId}</code>
            </dd>
          </div>
        )}
        <Money currency={currency} label={s.paymentMethod === 'cod' ? 'Cash to collect' : 'Cash to collect (prepaid)'} testId="shipment-cod-expected" value={s.codExpected ?? 0} />
        <Money currency={currency} label="Cash collected" testId="shipment-cod-collected" value={s.codCollected} />
        <Money currency={currency} label="Delivery fee" value={s.deliveryFee} />
        <Money currency={currency} label="COD fee" value={s.codFee} />
        {s.settlementRef && (
          <div>
            <dt>Settled</dt>
            <dd>
              {formatMoney(s.settledAmount, currency)} · {s.settlementRef} · {formatDateTime(s.settledAt)}
            </dd>
          </div>
        )}
        {s.rawStatus && (
          <div>
            <dt>Courier says</dt>
            <dd>{s.rawStatus}</dd>
          </div>
        )}
      </dl>
      <History history={s.history ?? []} />
      <div className="courier-actions">
        {booked && !TERMINAL.has(s.status ?? '') && (
          <Button buttonStyle="secondary" disabled={busy !== null} margin={false} onClick={() => void act('refresh')} size="small">
            {busy === 'refresh' ? 'Asking the courier…' : 'Refresh from courier'}
          </Button>
        )}
        {mayCancel && !cancelling && (
          <Button buttonStyle="secondary" disabled={busy !== null} margin={false} onClick={() => setCancelling(true)} size="small">
            Cancel shipment
          </Button>
        )}
      </div>
      {cancelling && (
        <div className="courier-confirm">
          <label htmlFor={reasonId}>Why cancel? (the courier is told)</label>
          <input id={reasonId} maxLength={200} onChange={(e) => setReason(e.target.value)} placeholder="Customer cancelled" value={reason} />
          <div className="courier-actions">
            <Button buttonStyle="primary" disabled={busy !== null} margin={false} onClick={() => void act('cancel')} size="small">
              {busy === 'cancel' ? 'Cancelling…' : 'Confirm cancel'}
            </Button>
            <Button buttonStyle="secondary" disabled={busy !== null} margin={false} onClick={() => setCancelling(false)} size="small">
              Keep it
            </Button>
          </div>
        </div>
      )}
      {error && <p className="courier-error">{error}</p>}
    </section>
  )
}
