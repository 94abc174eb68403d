import type { ReactNode } from 'react'

import { shipmentBadge, type Tone } from './labels'

/** A coloured badge in words (Payload's theme colours, light and dark): shipment statuses, flags, risk. */
export function Badge({ tone, children, title, testId, dataKey }: { tone: Tone; children: ReactNode; title?: string; testId?: string; dataKey?: string }) {
  return (
    <span className={`courier-badge courier-badge--${tone}`} data-key={dataKey} data-testid={testId} title={title}>
      {children}
    </span>
  )
}

/** A shipment's badge: its courier status once it has one (Delivered, Returned…), else where its booking is (Waiting to book, Booking failed). */
export function StatusBadge({ shipment, testId }: { shipment: { bookingState?: null | string; status?: null | string; rawStatus?: null | string }; testId?: string }) {
  const badge = shipmentBadge(shipment)
  return (
    <Badge dataKey={badge.key} testId={testId} title={shipment.rawStatus ? `The courier says: ${shipment.rawStatus}` : undefined} tone={badge.tone}>
      {badge.label}
    </Badge>
  )
}
