import type { ReactNode } from 'react'

import type { Tone } from './status'

/** A coloured badge in words (Payload's theme colours, light and dark): statuses of subscriptions and invoices. */
export function Badge({ tone, children, title, testId, dataStatus }: { tone: Tone; children: ReactNode; title?: string; testId?: string; dataStatus?: string }) {
  return (
    <span className={`billing-badge billing-badge--${tone}`} data-status={dataStatus} data-testid={testId} title={title}>
      {children}
    </span>
  )
}

/** An error of a call, in words. */
export function ErrorLine({ error, testId = 'billing-error' }: { error: null | string; testId?: string }) {
  if (!error) return null
  return (
    <p className="billing__error" data-testid={testId} role="alert">
      {error}
    </p>
  )
}
