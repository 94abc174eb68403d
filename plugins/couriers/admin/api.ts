'use client'

import { useConfig } from '@payloadcms/ui'
import { useCallback } from 'react'

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string; errors: { path: string; message: string }[] }

/** The API's one error body (`{ error, message, errors }`) as a sentence. */
function messageOf(body: unknown, status: number): string {
  const b = body as { message?: unknown; errors?: { message?: unknown }[] } | null
  if (b && typeof b.message === 'string' && b.message) return b.message
  if (b && Array.isArray(b.errors) && typeof b.errors[0]?.message === 'string') return b.errors[0].message
  return `The server answered ${status}.`
}

/** `fetch` for the admin's REST API with the admin's cookie: JSON in and out, errors as a message (never thrown). */
export function useCourierApi() {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  return useCallback(
    async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> => {
      try {
        const res = await fetch(`${serverURL}${api}${path}`, {
          method: init.method ?? 'GET',
          credentials: 'include',
          headers: init.body === undefined ? undefined : { 'Content-Type': 'application/json' },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        })
        const body: unknown = await res.json().catch(() => null)
        if (!res.ok)
          return {
            ok: false,
            status: res.status,
            message: messageOf(body, res.status),
            errors: Array.isArray((body as { errors?: unknown })?.errors) ? (body as { errors: { path: string; message: string }[] }).errors : [],
          }
        return { ok: true, status: res.status, data: body as T }
      } catch {
        return { ok: false, status: 0, message: 'The server could not be reached: check the connection and try again.', errors: [] }
      }
    },
    [serverURL, api],
  )
}
