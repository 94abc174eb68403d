import { graphUrlOf, graphVersionOf, type ResolvedMetaOptions } from '../options'
import { GraphError, graphErrorFrom } from './graph-error'

export type GraphRequest = {
  method?: 'GET' | 'POST' | 'DELETE'
  /** Without the version: `/123/messages`. */
  path: string
  token: string
  query?: Record<string, string | number | undefined>
  body?: unknown
}

/**
 * One Graph API call: `Authorization: Bearer <token>`, JSON in and out, the configured origin and
 * version (options.ts), a timeout. Non-2xx answers throw GraphError with Graph's code; a network
 * failure or timeout throws GraphError code -1 (transient).
 */
export async function graphRequest<T = Record<string, unknown>>(options: ResolvedMetaOptions, request: GraphRequest): Promise<T> {
  const url = new URL(`${graphUrlOf(options)}/${graphVersionOf(options)}${request.path}`)
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value))
  let response: Response
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: { authorization: `Bearer ${request.token}`, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(options.graphTimeoutMs),
    })
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${options.graphTimeoutMs} ms` : (error as Error).message
    throw new GraphError({ status: 0, code: -1, message: `Could not reach the Graph API: ${reason}` })
  }
  const text = await response.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = null
  }
  if (!response.ok) throw graphErrorFrom(response.status, body)
  return body as T
}
