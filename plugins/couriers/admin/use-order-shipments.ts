'use client'

import { useDocumentInfo, useForm } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import type { Order, Shipment } from '../../../payload-types'
import { useCourierApi } from './api'
import { query } from './format'
import { usePolling } from './use-polling'

/** Order fields the courier writes through its shipment (booked → packed → shipped → delivered), put back into the open form. */
const WRITTEN = ['status'] as const

/**
 * The order's shipments, newest first (GET /api/shipments?where[order][equals]=…, the caller's
 * own read access), polled while the newest is still waiting for the courier; and `syncOrder`,
 * which puts the order's stored status (moved by booking and by the courier) into the open form
 * and its `updatedAt` into the document info, so saving the form never sends a stale status back.
 */
export function useOrderShipments(orderId: null | string) {
  const api = useCourierApi()
  const { setData } = useDocumentInfo()
  const { dispatchFields, getField } = useForm()
  const [shipments, setShipments] = useState<Shipment[] | null>(null)
  const [error, setError] = useState<null | string>(null)

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (!orderId) return
      const res = await api<{ docs: Shipment[] }>(`/shipments${query({ 'where[order][equals]': orderId, sort: '-createdAt', limit: 10, depth: 0 })}`, { signal })
      if (signal?.aborted) return
      if (res.ok) {
        setShipments(res.data.docs)
        setError(null)
      } else setError(res.status === 403 ? 'Your role may not see this order’s shipments.' : res.message)
      return res.ok ? res.data.docs : undefined
    },
    [api, orderId],
  )

  useEffect(() => {
    const controller = new AbortController()
    void load(controller.signal)
    return () => controller.abort()
  }, [load])

  const syncOrder = useCallback(async () => {
    if (!orderId) return
    const res = await api<Order>(`/orders/${orderId}${query({ depth: 0 })}`)
    if (!res.ok) return
    for (const path of WRITTEN) {
      if (!getField(path)) continue
      const value = res.data[path] ?? null
      dispatchFields({ type: 'UPDATE', path, value, initialValue: value })
    }
    setData(res.data)
  }, [api, orderId, dispatchFields, getField, setData])

  const newest = shipments?.[0]
  const waiting = Boolean(newest && (newest.bookingState === 'queued' || newest.bookingState === 'sending'))
  usePolling(
    async (signal) => {
      const docs = await load(signal)
      const still = docs?.[0] && (docs[0].bookingState === 'queued' || docs[0].bookingState === 'sending')
      if (!still) {
        await syncOrder()
        return 'stop'
      }
    },
    waiting ? `${newest?.id}` : null,
    2_000,
  )

  const replace = useCallback((doc: Shipment) => setShipments((list) => (list ?? []).map((s) => (s.id === doc.id ? doc : s))), [])
  return { shipments, error, reload: load, replace, syncOrder }
}
