'use client'

import { useConfig } from '@payloadcms/ui'
import { useCallback } from 'react'

import type { Conversation, Message, MessageTemplate, User } from '../../../../payload-types'
import { errorMessage } from './rest'

export type { Conversation, Message, MessageTemplate, User }

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string; aborted?: boolean }

/**
 * `fetch` for the admin's REST API with the admin's cookie (`credentials: 'include'`): JSON in,
 * JSON out, errors turned into a message (never thrown, an abort included).
 */
export function useApi() {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  return useCallback(
    async <T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<ApiResult<T>> => {
      try {
        const res = await fetch(`${serverURL}${api}${path}`, {
          method: init.method ?? 'GET',
          credentials: 'include',
          headers: init.body === undefined ? undefined : { 'Content-Type': 'application/json' },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: init.signal,
        })
        const body: unknown = await res.json().catch(() => null)
        if (!res.ok) return { ok: false, status: res.status, message: errorMessage(body, res.status) }
        return { ok: true, status: res.status, data: body as T }
      } catch (error) {
        const aborted = error instanceof DOMException && error.name === 'AbortError'
        return { ok: false, status: 0, aborted, message: aborted ? 'Cancelled.' : 'The server could not be reached: check the connection and try again.' }
      }
    },
    [serverURL, api],
  )
}

export type Api = ReturnType<typeof useApi>
