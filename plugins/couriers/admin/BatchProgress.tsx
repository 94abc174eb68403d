'use client'

import { type BatchItem, type BatchProgress as Progress, useBatch } from './use-batch'
import { StatusBadge } from './StatusBadge'

/** An order the booking endpoint refused before queueing it (bulk bookings list them). */
export type Refused = { order: string; number: null | string; error: string; message: string }

/** A progress bar of a booking batch: booked + failed of total. */
export function ProgressBar({ progress, total }: { progress: Progress | null; total: number }) {
  const finished = progress ? progress.booked + progress.failed : 0
  const of = progress?.total ?? total
  const percent = of > 0 ? Math.round((finished / of) * 100) : 0
  return (
    <div className="courier-progress" data-testid="booking-progress">
      <div aria-label="Booking progress" aria-valuemax={of} aria-valuemin={0} aria-valuenow={finished} className="courier-progress__track" role="progressbar">
        <div className="courier-progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="courier-progress__words">
        {progress?.done ? 'Done: ' : 'Booking… '}
        {progress ? `${progress.booked} booked, ${progress.failed} failed of ${of}` : `0 of ${of}`}
      </p>
    </div>
  )
}

function ItemRow({ item }: { item: BatchItem }) {
  return (
    <li className={`courier-results__item courier-results__item--${item.bookingState}`} data-order={item.orderNumber}>
      <strong>{item.orderNumber}</strong> <StatusBadge shipment={item} />{' '}
      {item.bookingState === 'booked' && item.trackingCode && (
        <span>
          tracking <code>{item.trackingCode}</code>
        </span>
      )}
      {item.bookingState === 'failed' && item.error && <span className="courier-error">{item.error}</span>}
    </li>
  )
}

/**
 * A booking batch as it goes: the progress bar, then (with `list`) one line per order: booked
 * with its tracking code, failed with the courier's reason, or refused before booking.
 */
export function BatchProgress({ batch, total, refused = [], list = false, onDone }: { batch: string; total: number; refused?: Refused[]; list?: boolean; onDone?: (progress: Progress) => void }) {
  const { progress, error, timedOut } = useBatch(batch, onDone)
  return (
    <div className="courier-batch">
      <ProgressBar progress={progress} total={total} />
      {error && <p className="courier-error">{error}</p>}
      {timedOut && <p className="courier-note">Some parcels are still waiting for the courier: their shipments will show the result.</p>}
      {list && (progress?.items.length || refused.length) ? (
        <ul aria-label="Booking results" className="courier-results">
          {refused.map((r) => (
            <li className="courier-results__item courier-results__item--refused" data-order={r.number ?? r.order} key={r.order}>
              <strong>{r.number ?? r.order.slice(0, 8)}</strong> <span className="courier-badge courier-badge--error">Not booked</span> <span className="courier-error">{r.message}</span>
            </li>
          ))}
          {progress?.items.map((item) => (
            <ItemRow item={item} key={item.shipment} />
          ))}
        </ul>
      ) : null}
    </div>
  )
}
