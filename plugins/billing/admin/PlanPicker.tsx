'use client'

import { Button } from '@payloadcms/ui'
import { useState } from 'react'

import { useBillingApi } from './api'
import { Badge, ErrorLine } from './Badge'
import { query } from './format'
import { initialInterval, planAction, priceText, savingText, sortedPlans } from './plans'
import type { BillingSummary, Interval, PlanChoice, RedirectAnswer, SubscriptionAnswer } from './types'
import { useAction } from './use-action'

type Props = { summary: BillingSummary; tenant: null | string; canAct: boolean; onChanged: () => void }
type Pending = { plan: PlanChoice; interval: Interval; confirm: string }

const INTERVALS: { value: Interval; label: string }[] = [
  { value: 'month', label: 'Monthly' },
  { value: 'year', label: 'Yearly' },
]

/**
 * The plans on sale (the summary's `plans`), priced per the month / year toggle, the current one
 * marked. Without a live subscription a plan's "Subscribe" posts POST /api/billing/checkout and
 * sends the browser to Stripe Checkout; with one, "Change" asks first (proration applies) and
 * posts POST /api/billing/change. Read-only for the super-admin (the calls are the tenant-admin's).
 */
export function PlanPicker({ summary, tenant, canAct, onChanged }: Props) {
  const api = useBillingApi()
  const { busy, error, run, clear } = useAction()
  const [interval, setChosenInterval] = useState<Interval>(initialInterval(summary.subscription))
  const [pending, setPending] = useState<Pending | null>(null)
  const [done, setDone] = useState<null | string>(null)
  const q = query({ tenant })

  const subscribe = async (plan: PlanChoice) => {
    setDone(null)
    const data = await run(`checkout:${plan.id}`, () => api<RedirectAnswer>(`/billing/checkout${q}`, { method: 'POST', body: { plan: plan.id, interval } }), { keepBusy: true })
    if (data) window.location.assign(data.url)
    else onChanged() // a 409 (a live subscription after all): the summary tells which call to make
  }
  const change = async ({ plan, interval: to }: Pending) => {
    const data = await run(`change:${plan.id}`, () => api<SubscriptionAnswer>(`/billing/change${q}`, { method: 'POST', body: { plan: plan.id, interval: to } }))
    setPending(null)
    if (!data) return
    setDone(`Changed to ${plan.name}, billed ${to === 'year' ? 'yearly' : 'monthly'}. The difference is on the next invoice.`)
    onChanged()
  }

  const plans = sortedPlans(summary.plans, interval)
  return (
    <section aria-labelledby="billing-plans-title" className="billing__panel">
      <div className="billing__panel-title">
        <h2 id="billing-plans-title">Plans</h2>
        <div aria-label="Billing interval" className="billing__toggle" role="group">
          {INTERVALS.map((i) => (
            <button
              aria-pressed={interval === i.value}
              className={`billing__toggle-button${interval === i.value ? ' billing__toggle-button--on' : ''}`}
              data-testid={`billing-interval-${i.value}`}
              key={i.value}
              onClick={() => {
                setChosenInterval(i.value)
                setPending(null)
                clear()
              }}
              type="button"
            >
              {i.label}
            </button>
          ))}
        </div>
      </div>
      {plans.length === 0 ? (
        <p className="billing__empty">No plan is on sale yet: the platform has not synced its prices with Stripe.</p>
      ) : (
        <ul className="billing__plans">
          {plans.map((plan) => {
            const action = planAction(plan, interval, summary.subscription)
            const saving = interval === 'year' ? savingText(plan) : null
            return (
              <li className={`billing__plan${plan.current ? ' billing__plan--current' : ''}`} data-current={plan.current ? 'true' : undefined} data-testid={`billing-plan-${plan.slug}`} key={plan.id}>
                <div className="billing__plan-head">
                  <strong>{plan.name}</strong>
                  {plan.current && <Badge tone="info">Current plan</Badge>}
                </div>
                <p className="billing__plan-price">{priceText(plan, interval)}</p>
                {saving && <p className="billing__hint">{saving}</p>}
                {canAct && action.kind === 'checkout' && (
                  <Button buttonStyle="primary" disabled={busy !== null} extraButtonProps={{ 'data-testid': 'billing-subscribe' }} margin={false} onClick={() => void subscribe(plan)} size="medium">
                    {busy === `checkout:${plan.id}` ? 'Opening Stripe…' : action.label}
                  </Button>
                )}
                {canAct && action.kind === 'change' && (
                  <Button
                    buttonStyle="secondary"
                    disabled={busy !== null}
                    extraButtonProps={{ 'data-testid': 'billing-change' }}
                    margin={false}
                    onClick={() => {
                      setDone(null)
                      setPending({ plan, interval, confirm: action.confirm })
                    }}
                    size="medium"
                  >
                    {action.label}
                  </Button>
                )}
                {action.kind === 'current' && <p className="billing__hint">You are on this plan.</p>}
              </li>
            )
          })}
        </ul>
      )}
      {pending && (
        <div className="billing__confirm" data-testid="billing-change-step" role="alertdialog" aria-label="Confirm the change">
          <p>{pending.confirm}</p>
          <div className="billing__actions">
            <Button buttonStyle="primary" disabled={busy !== null} extraButtonProps={{ 'data-testid': 'billing-change-confirm' }} margin={false} onClick={() => void change(pending)} size="medium">
              {busy?.startsWith('change:') ? 'Changing…' : 'Yes, change'}
            </Button>
            <Button buttonStyle="secondary" disabled={busy !== null} extraButtonProps={{ 'data-testid': 'billing-change-cancel' }} margin={false} onClick={() => setPending(null)} size="medium">
              Keep my plan
            </Button>
          </div>
        </div>
      )}
      {done && (
        <p className="billing__success" role="status">
          {done}
        </p>
      )}
      <ErrorLine error={error} />
    </section>
  )
}
