'use client'

import { Button } from '@payloadcms/ui'
import { useId, useState } from 'react'

import { useBillingApi } from './api'
import { ErrorLine } from './Badge'
import { formatDate, untilIso } from './format'
import type { PlanChoice, SubscriptionAnswer } from './types'
import { useAction } from './use-action'

type Props = { tenant: string; tenantName: string; plans: PlanChoice[]; onChanged: () => void }

/**
 * The super-admin's "Comp this shop" on a shop's billing: a plan, until when (empty: with no end)
 * and why; POST /api/billing/comp { tenant, plan, until, reason } (no Stripe: the subscription
 * becomes `comped`). The server's field errors show beside their fields.
 */
export function CompForm({ tenant, tenantName, plans, onChanged }: Props) {
  const api = useBillingApi()
  const id = useId()
  const { busy, error, fieldErrors, run, setError } = useAction()
  const [plan, setPlan] = useState(plans.find((p) => p.current)?.id ?? plans[0]?.id ?? '')
  const [until, setUntil] = useState('')
  const [reason, setReason] = useState('')
  const [done, setDone] = useState<null | string>(null)
  const [local, setLocal] = useState<Record<string, string>>({})
  const errors = { ...fieldErrors, ...local }

  const submit = async () => {
    setDone(null)
    const untilValue = untilIso(until)
    const problems: Record<string, string> = {}
    if (!plan) problems.plan = 'Choose a plan.'
    if (untilValue === undefined) problems.until = 'A day, e.g. 2026-12-31, or empty for no end.'
    if (!reason.trim()) problems.reason = 'Say why the shop is comped.'
    setLocal(problems)
    if (Object.keys(problems).length > 0) return setError('Check the fields marked below.')
    const data = await run('comp', () => api<SubscriptionAnswer>('/billing/comp', { method: 'POST', body: { tenant, plan, until: untilValue ?? null, reason: reason.trim() } }))
    if (!data) return
    const name = plans.find((p) => p.id === plan)?.name ?? 'the plan'
    setDone(`${tenantName} is comped on ${name}${untilValue ? ` until ${formatDate(untilValue)}` : ''}.`)
    setReason('')
    onChanged()
  }

  return (
    <section aria-labelledby={`${id}-title`} className="billing__panel" data-testid="billing-comp">
      <h2 id={`${id}-title`}>Comp this shop</h2>
      <p className="billing__hint">Gives {tenantName} a plan free of charge, without Stripe.</p>
      <div className="billing__row">
        <div className="billing__field">
          <label htmlFor={`${id}-plan`}>Plan</label>
          <select id={`${id}-plan`} name="plan" onChange={(e) => setPlan(e.target.value)} value={plan}>
            {plans.length === 0 && <option value="">No plan on sale</option>}
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {errors.plan && <small className="billing__error">{errors.plan}</small>}
        </div>
        <div className="billing__field">
          <label htmlFor={`${id}-until`}>Until (empty: no end)</label>
          <input id={`${id}-until`} name="until" onChange={(e) => setUntil(e.target.value)} type="date" value={until} />
          {errors.until && <small className="billing__error">{errors.until}</small>}
        </div>
      </div>
      <div className="billing__field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <input id={`${id}-reason`} maxLength={500} name="reason" onChange={(e) => setReason(e.target.value)} placeholder="Launch partner, first year free" value={reason} />
        {errors.reason && <small className="billing__error">{errors.reason}</small>}
      </div>
      <Button buttonStyle="primary" disabled={busy !== null} extraButtonProps={{ 'data-testid': 'billing-comp-submit' }} margin={false} onClick={() => void submit()} size="medium">
        {busy === 'comp' ? 'Comping…' : 'Comp this shop'}
      </Button>
      {done && (
        <p className="billing__success" role="status">
          {done}
        </p>
      )}
      <ErrorLine error={error} />
    </section>
  )
}
