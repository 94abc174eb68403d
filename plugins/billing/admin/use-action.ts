'use client'

import { useCallback, useState } from 'react'

import type { ApiResult, FieldError } from './api'
import { errorText } from './format'

/**
 * One panel's calls: `run(name, call)` marks `busy` with the call's name (its buttons are
 * disabled meanwhile), and keeps the refusal in words (`error`, the server's message and field
 * errors) and the field errors by path (`fieldErrors`). Resolves to the data, or null on an error.
 * `keepBusy` leaves the buttons disabled after a success (the browser is going to Stripe).
 */
export function useAction() {
  const [busy, setBusy] = useState<null | string>(null)
  const [error, setError] = useState<null | string>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const run = useCallback(async <T>(name: string, call: () => Promise<ApiResult<T>>, { keepBusy = false } = {}): Promise<null | T> => {
    setBusy(name)
    setError(null)
    setFieldErrors({})
    const res = await call()
    if (!res.ok || !keepBusy) setBusy(null)
    if (res.ok) return res.data
    if (!res.aborted) {
      setError(errorText(res))
      setFieldErrors(Object.fromEntries(res.errors.map((e: FieldError) => [e.path, e.message])))
    }
    return null
  }, [])
  const clear = useCallback(() => {
    setError(null)
    setFieldErrors({})
  }, [])
  return { busy, error, fieldErrors, run, clear, setError }
}
