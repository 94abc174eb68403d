'use client'

import { useCallback, useEffect, useEffectEvent, useState } from 'react'

/**
 * Runs `load` now and then every `intervalMs` after the previous run ended (never two at once)
 * while `key` is not null, until `load` answers `'stop'`; a new `key` (or `refresh()`) starts
 * over at once and aborts the run in flight. Skipped while the tab is hidden.
 */
export function usePolling(load: (signal: AbortSignal) => Promise<'stop' | void>, key: null | string, intervalMs: number) {
  const [nonce, setNonce] = useState(0)
  const run = useEffectEvent((signal: AbortSignal) => load(signal))

  useEffect(() => {
    if (key === null) return
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      if (controller.signal.aborted) return
      let answer: 'stop' | void = undefined
      if (document.visibilityState !== 'hidden') {
        try {
          answer = await run(controller.signal)
        } catch {
          // a load reports its own errors
        }
      }
      if (answer !== 'stop' && !controller.signal.aborted) timer = setTimeout(() => void tick(), intervalMs)
    }
    void tick()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [key, nonce, intervalMs])

  return useCallback(() => setNonce((n) => n + 1), [])
}
