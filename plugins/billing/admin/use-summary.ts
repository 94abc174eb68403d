'use client'

import { useCallback, useEffect, useRef, useState } from 'react'

import { useBillingApi } from './api'
import { errorText, query } from './format'
import { type CheckoutReturn, SETTLED_STATUSES } from './status'
import type { BillingSummary } from './types'

/** After Stripe Checkout's success: ask again this often, for this long at most (the webhook updates the subscription). */
export const POLL_EVERY_MS = 2_000
export const POLL_GIVE_UP_MS = 30_000

/** Where the Checkout return stands: still asking, the subscription is there, or 30 s passed without it. */
export type Settling = 'polling' | 'settled' | 'timedOut' | null

/**
 * The shop's billing summary (GET /api/billing/summary, `?tenant=` for the super-admin), and
 * `reload()`. After `?checkout=success` the first load keeps asking every 2 s, up to 30 s,
 * until the subscription is active or trialing (`settling`).
 */
export function useSummary(tenant: null | string, checkout: CheckoutReturn) {
  const api = useBillingApi()
  const [summary, setSummary] = useState<BillingSummary | null>(null)
  const [error, setError] = useState<null | string>(null)
  const [loading, setLoading] = useState(true)
  const [nonce, setNonce] = useState(0)
  const [settling, setSettling] = useState<Settling>(checkout === 'success' ? 'polling' : null)
  const polling = useRef(checkout === 'success')
  const path = `/billing/summary${query({ tenant })}`

  useEffect(() => {
    const controller = new AbortController()
    const started = Date.now()
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = (state: Settling) => {
      polling.current = false
      setSettling(state)
    }
    const tick = async () => {
      const res = await api<BillingSummary>(path, { signal: controller.signal })
      if (controller.signal.aborted) return
      setLoading(false)
      if (res.ok) {
        setSummary(res.data)
        setError(null)
      } else setError(errorText(res))
      if (!polling.current) return
      if (res.ok && (!res.data.enabled || SETTLED_STATUSES.has(res.data.subscription.status))) return stop(res.data.enabled ? 'settled' : null)
      if (Date.now() - started + POLL_EVERY_MS > POLL_GIVE_UP_MS) return stop('timedOut')
      timer = setTimeout(() => void tick(), POLL_EVERY_MS)
    }
    void tick()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [api, path, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { summary, error, loading, reload, settling }
}
