'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { type ReactNode, useCallback, useState } from 'react'

import { BatchProgress } from './BatchProgress'
import { type Booking, BookForm, type OrderFacts } from './BookForm'
import { idOf } from './format'
import { providerLabel } from './labels'
import { RiskBadge } from './RiskBadge'
import { ShipmentCard } from './ShipmentCard'
import { useBookable } from './use-bookable'
import { useOrderShipments } from './use-order-shipments'
import './couriers-admin.scss'

/** Orders in these statuses may be booked (as the server says: a packed order whose shipment was cancelled may be booked again). */
const BOOKABLE = new Set(['confirmed', 'packed'])

const text = (v: unknown, fallback: string) => (typeof v === 'string' && v ? v : fallback)

/** The order's fields the panel needs, from the form (each its own selector: a primitive, so typing elsewhere re-renders nothing here). */
function useOrderFacts(id: null | string): OrderFacts | null {
  const tenant = useFormFields(([fields]) => idOf(fields.tenant?.value))
  const number = useFormFields(([fields]) => text(fields.number?.value, ''))
  const status = useFormFields(([fields]) => text(fields.status?.value, ''))
  const paymentMethod = useFormFields(([fields]) => text(fields.paymentMethod?.value, 'cod'))
  const total = useFormFields(([fields]) => (typeof fields.total?.value === 'number' ? fields.total.value : null))
  const currency = useFormFields(([fields]) => text(fields.currency?.value, 'BDT'))
  const customer = useFormFields(([fields]) => idOf(fields.customer?.value))
  return id ? { id, tenant, number: number || null, status, paymentMethod, total, currency, customer } : null
}

/**
 * The order's delivery panel (a sidebar field of orders): the cash-order risk of the customer's
 * phone; the current shipment (status badge, tracking code, cash expected and collected,
 * history, Refresh and Cancel); or, when there is none (or the last one failed or was
 * cancelled) and the order is confirmed, "Book with…". Booking shows its progress until the
 * courier answered, then the shipment or the courier's reason in words.
 */
export function BookShipment() {
  const { id: rawId } = useDocumentInfo()
  const id = rawId ? String(rawId) : null
  const order = useOrderFacts(id)
  // A new order (e.g. the inbox's Create-order drawer) has no id yet: its chosen customer's risk still shows.
  const draftCustomer = useFormFields(([fields]) => idOf(fields.customer?.value))
  const { shipments, error, reload, replace, syncOrder } = useOrderShipments(id)
  const { accounts, refusal } = useBookable(order?.tenant ?? null)
  const [booking, setBooking] = useState<Booking | null>(null)

  const finished = useCallback(async () => {
    await reload()
    await syncOrder()
    setBooking(null)
  }, [reload, syncOrder])

  if (!order)
    return (
      <div className="field-type courier-panel">
        <span className="field-label">Delivery</span>
        {draftCustomer && <RiskBadge subject={{ customer: draftCustomer }} />}
        <p className="courier-note">Save the order, then book it with a courier here.</p>
      </div>
    )
  const newest = shipments?.[0]
  const current = newest && newest.active !== false && newest.bookingState !== 'failed' && newest.status !== 'cancelled' ? newest : undefined
  const label = (accountId: unknown) => accounts?.find((a) => a.id === idOf(accountId))?.label

  let body: ReactNode
  if (booking) {
    body = (
      <div className="courier-booking">
        <p>Booking with {booking.accountLabel}…</p>
        <BatchProgress batch={booking.batch} onDone={() => void finished()} total={1} />
      </div>
    )
  } else if (shipments === null && !error) {
    body = <p className="courier-note">Loading…</p>
  } else if (current) {
    body = (
      <ShipmentCard
        accountLabel={label(current.account)}
        onChange={(doc) => {
          replace(doc)
          void syncOrder()
        }}
        shipment={current}
      />
    )
  } else {
    const last = newest
    body = (
      <>
        {last?.bookingState === 'failed' && (
          <p className="courier-error" data-testid="courier-last-failure" role="alert">
            {providerLabel(last.provider)} did not book this order: {last.bookingError ?? 'no reason given'}
          </p>
        )}
        {last?.status === 'cancelled' && last.bookingState !== 'failed' && <p className="courier-note">The last shipment ({providerLabel(last.provider)}) was cancelled.</p>}
        {!BOOKABLE.has(order.status) ? (
          <p className="courier-note">{order.status === 'pending' ? 'Confirm the order to book it with a courier.' : `This order is ${order.status}: nothing to book.`}</p>
        ) : refusal ? (
          <p className="courier-note">{refusal}</p>
        ) : accounts === null ? (
          <p className="courier-note">Loading the courier accounts…</p>
        ) : accounts.length === 0 ? (
          <p className="courier-note">No active courier account: add one under Delivery → Couriers.</p>
        ) : (
          <BookForm accounts={accounts} onBooked={setBooking} order={order} />
        )}
      </>
    )
  }

  return (
    <div className="field-type courier-panel" data-testid="courier-panel">
      <div className="courier-panel__title">
        <span className="field-label">Delivery</span>
        {order.customer && <RiskBadge subject={{ order: order.id }} />}
      </div>
      {error && <p className="courier-note">{error}</p>}
      {body}
    </div>
  )
}
