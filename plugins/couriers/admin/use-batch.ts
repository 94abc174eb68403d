'use client'

import { useRef, useState } from 'react'

import { useCourierApi } from './api'
import { usePolling } from './use-polling'

/** One order of a booking batch (GET /api/shipments/batch/:batch). */
export type BatchItem = {
  shipment: string
  order: string
  orderNumber: string
  bookingState: 'queued' | 'sending' | 'booked' | 'failed'
  error: null | string
  consignmentId: null | string
  trackingCode: null | string
  status: null | string
}
export type BatchProgress = { batch: string; total: number; queued: number; sending: number; booked: number; failed: number; done: boolean; items: BatchItem[] }

/** How often a batch's progress is asked for, and for how long at most (the job retries a busy courier; the shipment shows it later). */
const EVERY_MS = 1_500
const GIVE_UP_MS = 3 * 60_000

/**
 * A booking batch's progress, polled until every order is booked or failed (or three minutes
 * have passed: the shipments then say where they are). `onDone` runs once, with the last answer.
 */
export function useBatch(batch: null | string, onDone?: (progress: BatchProgress) => void) {
  const api = useCourierApi()
  const [progress, setProgress] = useState<BatchProgress | null>(null)
  const [error, setError] = useState<null | string>(null)
  const started = useRef<{ batch: string; at: number } | null>(null)
  const [timedOut, setTimedOut] = useState(false)
  usePolling(
    async (signal) => {
      if (!batch) return 'stop'
      if (started.current?.batch !== batch) started.current = { batch, at: Date.now() }
      const startedAt = started.current.at
      const res = await api<BatchProgress>(`/shipments/batch/${batch}`, { signal })
      if (signal.aborted) return 'stop'
      if (!res.ok) {
        // The batch's shipments are written in the booking's transaction: a first 404 can come before they are visible.
        if (res.status !== 404 || Date.now() - startedAt > 10_000) setError(res.message)
        return res.status === 404 ? undefined : 'stop'
      }
      setError(null)
      setProgress(res.data)
      if (res.data.done) {
        onDone?.(res.data)
        return 'stop'
      }
      if (Date.now() - startedAt > GIVE_UP_MS) {
        setTimedOut(true)
        onDone?.(res.data)
        return 'stop'
      }
    },
    batch,
    EVERY_MS,
  )
  return { progress, error, timedOut }
}
