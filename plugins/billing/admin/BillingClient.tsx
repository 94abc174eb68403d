'use client'

import { ErrorLine } from './Badge'
import { CompForm } from './CompForm'
import { InvoicesTable } from './InvoicesTable'
import { PlanPicker } from './PlanPicker'
import type { CheckoutReturn } from './status'
import { SubscriptionPanel } from './SubscriptionPanel'
import { UsagePanel } from './UsagePanel'
import { type Settling, useSummary } from './use-summary'

const NOTICE: Record<Exclude<Settling, null>, string> = {
  polling: 'Payment received — your plan updates in a moment.',
  settled: 'Payment received — your plan is active.',
  timedOut: 'Payment received — Stripe has not confirmed the subscription yet. Reload this page in a minute; nothing more needs paying.',
}

/** Stripe Checkout's return (`?checkout=success|cancelled`) in words. */
function CheckoutNotice({ checkout, settling }: { checkout: CheckoutReturn; settling: Settling }) {
  if (!checkout) return null
  const text = checkout === 'cancelled' ? 'Checkout was cancelled: nothing was charged. Choose a plan again whenever you like.' : NOTICE[settling ?? 'settled']
  return (
    <p
      className={`billing__notice billing__notice--${checkout === 'cancelled' ? 'neutral' : settling === 'timedOut' ? 'warning' : 'success'}`}
      data-checkout={checkout}
      data-settled={settling ?? undefined}
      data-testid="billing-notice"
      role="status"
    >
      {text}
    </p>
  )
}

/**
 * One shop's billing (GET /api/billing/summary, `?tenant=` when given): the plan and status, the
 * usage, the plan picker, the invoices; for the super-admin (read-only, with `tenant`) "Comp this
 * shop". When billing is not set up (`enabled: false`) only the server's reason shows.
 */
export function BillingClient({ tenant, superAdmin, checkout }: { tenant: null | string; superAdmin: boolean; checkout: CheckoutReturn }) {
  const { summary, error, loading, reload, settling } = useSummary(tenant, checkout)
  const canAct = !superAdmin

  if (loading && !summary) return <p className="billing__hint">Loading billing…</p>
  if (!summary) return <ErrorLine error={error ?? 'The billing summary could not be loaded.'} />
  if (!summary.enabled) {
    return (
      <p className="billing__empty" data-testid="billing-disabled" role="alert">
        {summary.reason ?? 'Billing is not set up on this server.'}
      </p>
    )
  }
  return (
    <>
      <CheckoutNotice checkout={checkout} settling={settling} />
      {superAdmin && <p className="billing__shop">{summary.tenant.name}</p>}
      <ErrorLine error={error} />
      <SubscriptionPanel canAct={canAct} onChanged={reload} summary={summary} tenant={tenant} />
      <UsagePanel currency={summary.currency} usage={summary.usage} />
      <PlanPicker canAct={canAct} onChanged={reload} summary={summary} tenant={tenant} />
      <InvoicesTable invoices={summary.invoices} />
      {superAdmin && tenant && <CompForm onChanged={reload} plans={summary.plans} tenant={summary.tenant.id} tenantName={summary.tenant.name} />}
    </>
  )
}
