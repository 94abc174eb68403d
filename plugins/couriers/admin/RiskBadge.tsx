'use client'

import { useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { useCourierApi } from './api'
import { query, shareOf } from './format'
import { Badge } from './StatusBadge'

/** GET /api/couriers/risk: the phone's past shipments across the shop's couriers. */
export type Risk = { phone: string; delivered: number; returned: number; cancelled: number; failedAttempts: number; total: number; successRate: number; score: number; threshold: number; risky: boolean }

/** Who the risk is asked about: an order (its customer's phone), a customer, or a phone. */
export type RiskSubject = { order: string } | { customer: string } | { phone: string }

const subjectKey = (s: RiskSubject) => query(s)

/**
 * The cash-on-delivery risk of a phone in words: how many of its past parcels were delivered
 * (counted here from the numbers, so the words never depend on how a rate is scaled), with a
 * warning badge when the server calls it risky (below the shop's threshold). Says nothing when
 * the caller may not ask (403) or the risk service is not there.
 */
export function RiskBadge({ subject }: { subject: RiskSubject }) {
  const api = useCourierApi()
  const key = subjectKey(subject)
  const [risk, setRisk] = useState<Risk | null>(null)
  const [error, setError] = useState<null | string>(null)
  useEffect(() => {
    const controller = new AbortController()
    void api<Risk>(`/couriers/risk${key}`, { signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return
      if (res.ok) {
        setRisk(res.data)
        setError(null)
      } else if (res.status !== 403 && res.status !== 404) setError(res.message)
    })
    return () => controller.abort()
  }, [api, key])
  if (error) return <small className="courier-risk courier-risk--unknown">Delivery history unavailable: {error}</small>
  if (!risk) return null
  if (risk.total === 0)
    return (
      <span className="courier-risk" data-risk="none" data-testid="courier-risk">
        <Badge tone="neutral">No delivery history</Badge> <small>This phone has no parcels with your couriers yet.</small>
      </span>
    )
  const share = shareOf(risk.delivered, risk.total) ?? 0
  const detail = `${risk.delivered} of ${risk.total} parcels delivered${risk.returned ? `, ${risk.returned} returned` : ''}${risk.cancelled ? `, ${risk.cancelled} cancelled` : ''}`
  return (
    <span className="courier-risk" data-risk={risk.risky ? 'risky' : 'ok'} data-testid="courier-risk">
      <Badge title={`Flagged below ${risk.threshold} % delivered`} tone={risk.risky ? 'error' : 'success'}>
        {risk.risky ? `Risky: ${Math.round(share)} % delivered` : `${Math.round(share)} % delivered`}
      </Badge>{' '}
      <small>{detail}.</small>
    </span>
  )
}

/**
 * The customer's delivery record (sidebar of a saved customer): the risk badge of their phone,
 * so staff see a habitual refuser before confirming a cash order.
 */
export function CustomerRisk() {
  const { id } = useDocumentInfo()
  if (!id) return null
  return (
    <div className="field-type courier-panel courier-panel--compact">
      <label className="field-label">Delivery record</label>
      <RiskBadge subject={{ customer: String(id) }} />
    </div>
  )
}
