'use client'

import { useConfig } from '@payloadcms/ui'
import { useCallback } from 'react'

import type { FieldError } from './format'

export type { FieldError }
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string; errors: FieldError[]; aborted?: boolean }
export type ApiInit = { method?: string; body?: unknown; signal?: AbortSignal }

/** The API's one error body (`{ error, message, errors }`) as a sentence. */
export function messageOf(body: unknown, status: number): string {
  const b = body as { message?: unknown; errors?: { message?: unknown }[] } | null
  if (b && typeof b.message === 'string' && b.message) return b.message
  if (b && Array.isArray(b.errors) && typeof b.errors[0]?.message === 'string') return b.errors[0].message
  if (status === 404) return 'Not found (404).'
  return `The server answered ${status}.`
}

export const fieldErrorsOf = (body: unknown): FieldError[] => {
  const errors = (body as { errors?: unknown } | null)?.errors
  return Array.isArray(errors) ? errors.filter((e): e is FieldError => Boolean(e) && typeof (e as FieldError).path === 'string' && typeof (e as FieldError).message === 'string') : []
}

/**
 * `fetch` for the admin's REST API with the admin's cookie: JSON in, JSON out, errors as the
 * server's message and field errors (never thrown, an abort included). As the couriers admin's
 * `useCourierApi`, the plugin's own copy.
 */
export function useBillingApi() {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  return useCallback(
    async <T>(path: string, init: ApiInit = {}): Promise<ApiResult<T>> => {
      try {
        const json = init.body !== undefined
        const res = await fetch(`${serverURL}${api}${path}`, {
          method: init.method ?? 'GET',
          credentials: 'include',
          headers: json ? { 'Content-Type': 'application/json' } : undefined,
          body: json ? JSON.stringify(init.body) : undefined,
          signal: init.signal,
        })
        const body: unknown = await res.json().catch(() => null)
        if (!res.ok) return { ok: false, status: res.status, message: messageOf(body, res.status), errors: fieldErrorsOf(body) }
        return { ok: true, status: res.status, data: body as T }
      } catch (error) {
        const aborted = error instanceof DOMException && error.name === 'AbortError'
        return { ok: false, status: 0, aborted, message: aborted ? 'Cancelled.' : 'The server could not be reached: check the connection and try again.', errors: [] }
      }
    },
    [serverURL, api],
  )
}

export type BillingApi = ReturnType<typeof useBillingApi>
