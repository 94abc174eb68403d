'use client'

import { Button } from '@payloadcms/ui'

import { useBillingApi } from './api'
import { Badge, ErrorLine } from './Badge'
import { formatDate, formatMoney, query } from './format'
import { hasLiveSubscription } from './plans'
import { PAYMENT_METHOD_TEXT, statusView } from './status'
import type { BillingSummary, RedirectAnswer, SubscriptionAnswer } from './types'
import { useAction } from './use-action'

type Props = { summary: BillingSummary; tenant: null | string; canAct: boolean; onChanged: () => void }

/**
 * The shop's plan and subscription: the status badge and what it means (the trial's end, the
 * renewal, past due with the grace end date and a call to pay), the next invoice, the payment
 * method; for a tenant-admin "Cancel at period end" / "Resume" (POST /api/billing/cancel) and
 * "Manage cards and invoices" (POST /api/billing/portal → the Stripe portal).
 */
export function SubscriptionPanel({ summary, tenant, canAct, onChanged }: Props) {
  const api = useBillingApi()
  const { busy, error, run } = useAction()
  const { subscription: s, plan, nextInvoice } = summary
  const view = statusView(summary)
  const payment = PAYMENT_METHOD_TEXT[s.paymentMethod] ?? PAYMENT_METHOD_TEXT.none
  const live = hasLiveSubscription(s)
  const openInvoice = summary.invoices.find((i) => i.status === 'open' && i.hostedUrl)
  const q = query({ tenant })

  const portal = async () => {
    const data = await run('portal', () => api<RedirectAnswer>(`/billing/portal${q}`, { method: 'POST', body: {} }), { keepBusy: true })
    if (data) window.location.assign(data.url)
  }
  const cancel = async (resume: boolean) => {
    const data = await run(resume ? 'resume' : 'cancel', () => api<SubscriptionAnswer>(`/billing/cancel${q}`, { method: 'POST', body: resume ? { resume: true } : { atPeriodEnd: true } }))
    if (data) onChanged()
  }

  return (
    <section className="billing__panel" aria-labelledby="billing-plan-title">
      <div className="billing__panel-title">
        <h2 id="billing-plan-title">{plan ? plan.name : 'No plan'}</h2>
        <Badge dataStatus={s.status} testId="billing-status" tone={view.tone}>
          {view.label}
        </Badge>
        {s.cancelAtPeriodEnd && <Badge tone="warning">Ends at period end</Badge>}
      </div>
      {view.lines.map((line) => (
        <p className="billing__line" key={line}>
          {line}
        </p>
      ))}
      {view.callToPay && (
        <div className="billing__call" role="alert">
          <strong>Payment needed.</strong> {openInvoice ? 'Pay the open invoice now, or update the card so Stripe can try again.' : 'Update the card so Stripe can try again.'}
          <div className="billing__actions">
            {openInvoice?.hostedUrl && (
              <Button buttonStyle="primary" el="anchor" extraButtonProps={{ 'data-testid': 'billing-pay-invoice' }} margin={false} newTab size="small" url={openInvoice.hostedUrl}>
                {`Pay invoice${openInvoice.number ? ` ${openInvoice.number}` : ''}`}
              </Button>
            )}
          </div>
        </div>
      )}
      <dl className="billing__facts">
        <div>
          <dt>Billed</dt>
          <dd>{s.interval === 'year' ? 'Yearly' : s.interval === 'month' ? 'Monthly' : '—'}</dd>
        </div>
        <div data-testid="billing-next-invoice">
          <dt>Next invoice</dt>
          <dd>{nextInvoice ? `${formatMoney(nextInvoice.amount, nextInvoice.currency)} on ${formatDate(nextInvoice.date)}` : '—'}</dd>
        </div>
        <div data-state={s.paymentMethod} data-testid="billing-payment-method">
          <dt>Payment method</dt>
          <dd className={`billing__tone--${payment.tone}`}>{payment.text}</dd>
        </div>
      </dl>
      {canAct ? (
        <div className="billing__actions">
          {live && (
            <Button
              buttonStyle="secondary"
              disabled={busy !== null}
              extraButtonProps={{ 'data-testid': 'billing-cancel', 'data-action': s.cancelAtPeriodEnd ? 'resume' : 'cancel' }}
              margin={false}
              onClick={() => void cancel(s.cancelAtPeriodEnd)}
              size="medium"
            >
              {busy === 'cancel' ? 'Canceling…' : busy === 'resume' ? 'Resuming…' : s.cancelAtPeriodEnd ? 'Resume' : 'Cancel at period end'}
            </Button>
          )}
          <Button
            buttonStyle={view.callToPay ? 'primary' : 'secondary'}
            disabled={busy !== null}
            extraButtonProps={{ 'data-testid': 'billing-portal' }}
            margin={false}
            onClick={() => void portal()}
            size="medium"
          >
            {busy === 'portal' ? 'Opening Stripe…' : 'Manage cards and invoices'}
          </Button>
        </div>
      ) : (
        <p className="billing__hint">Only the shop’s tenant-admins can change its plan, cancel it or manage its cards.</p>
      )}
      <ErrorLine error={error} />
    </section>
  )
}
