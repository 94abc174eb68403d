'use client'

import { useConfig } from '@payloadcms/ui'
import { useCallback } from 'react'

export type FieldError = { path: string; message: string }
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string; errors: FieldError[]; aborted?: boolean }

/** What a call sends: a JSON body (`body`), or text as is with its content type (`text`, e.g. a CSV sheet). */
export type ApiInit = { method?: string; body?: unknown; text?: { content: string; type: string }; signal?: AbortSignal }

/** The API's one error body (`{ error, message, errors }`) as a sentence. */
function messageOf(body: unknown, status: number): string {
  const b = body as { message?: unknown; errors?: { message?: unknown }[] } | null
  if (b && typeof b.message === 'string' && b.message) return b.message
  if (b && Array.isArray(b.errors) && typeof b.errors[0]?.message === 'string') return b.errors[0].message
  if (status === 404) return 'Not found (404).'
  return `The server answered ${status}.`
}

const fieldErrorsOf = (body: unknown): FieldError[] => {
  const errors = (body as { errors?: unknown } | null)?.errors
  return Array.isArray(errors) ? errors.filter((e): e is FieldError => Boolean(e) && typeof (e as FieldError).path === 'string' && typeof (e as FieldError).message === 'string') : []
}

/**
 * `fetch` for the admin's REST API with the admin's cookie: JSON (or text) in, JSON out, errors
 * as a message (never thrown, an abort included). Also `urlOf(path)` for links (CSV export).
 */
export function useCourierApi() {
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
          headers: json ? { 'Content-Type': 'application/json' } : init.text ? { 'Content-Type': init.text.type } : undefined,
          body: json ? JSON.stringify(init.body) : init.text?.content,
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

export type CourierApi = ReturnType<typeof useCourierApi>

/** The REST API's address of `path` (for plain links: the CSV export). */
export function useApiUrl(): (path: string) => string {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  return useCallback((path: string) => `${serverURL}${api}${path}`, [serverURL, api])
}
