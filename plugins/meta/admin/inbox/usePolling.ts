'use client'

import { useCallback, useEffect, useEffectEvent, useState } from 'react'

export const POLL_MS = 5000

/**
 * Runs `load` now and then every `intervalMs` after the previous run ended (never two at once),
 * while `key` is not null; a new `key` (or `refresh()`) starts over at once and aborts the run
 * in flight. Skipped while the browser tab is hidden. `refreshing` is true during a run.
 */
export function usePolling(load: (signal: AbortSignal) => Promise<void>, key: null | string, intervalMs = POLL_MS) {
  const [refreshing, setRefreshing] = useState(false)
  const [nonce, setNonce] = useState(0)
  const run = useEffectEvent((signal: AbortSignal) => load(signal))

  useEffect(() => {
    if (key === null) return
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      if (controller.signal.aborted) return
      if (document.visibilityState !== 'hidden') {
        setRefreshing(true)
        try {
          await run(controller.signal)
        } catch {
          // a load reports its own errors
        } finally {
          if (!controller.signal.aborted) setRefreshing(false)
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void tick(), intervalMs)
    }
    void tick()
    return () => {
      controller.abort()
      clearTimeout(timer)
      setRefreshing(false)
    }
  }, [key, nonce, intervalMs])

  const refresh = useCallback(() => setNonce((n) => n + 1), [])
  return { refreshing, refresh }
}
