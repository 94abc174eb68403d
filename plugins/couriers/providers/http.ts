import { type AdapterContext, CourierError, type Provider } from './types'
import { isRecord, PROVIDER_LABEL } from './util'

export type HttpRequest = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Appended to ctx.baseUrl: `/create_order`. */
  path: string
  query?: Record<string, string | number | undefined>
  headers?: Record<string, string>
  /** Sent as JSON. */
  body?: unknown
}

export type HttpResponse = { status: number; headers: Headers; body: unknown }

type FieldError = { path: string; message: string }

/**
 * Laravel-style `errors: { field: ["message", …] }` (Steadfast, Pathao; a plain string per field
 * too) → field errors. Anything else → none.
 */
export function fieldErrorsOf(body: unknown): FieldError[] {
  if (!isRecord(body) || !isRecord(body.errors)) return []
  const out: FieldError[] = []
  for (const [path, value] of Object.entries(body.errors)) {
    const messages = Array.isArray(value) ? value : [value]
    for (const m of messages) if (typeof m === 'string' || typeof m === 'number') out.push({ path, message: String(m) })
  }
  return out
}

/** The provider's own words (`message`, or the first field error), else a fallback. */
export function messageOf(body: unknown, fallback: string): string {
  if (isRecord(body)) {
    if (typeof body.message === 'string' && body.message.trim() !== '') return body.message
    if (typeof body.error === 'string' && body.error.trim() !== '') return body.error
  }
  return fieldErrorsOf(body)[0]?.message ?? fallback
}

/** Retry-After: seconds or an HTTP date → ms (undefined when absent or unreadable). */
function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after')
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}

/** The CourierError of a non-2xx answer (provider envelopes with HTTP 200 stay with each adapter). */
export function errorForStatus(provider: Provider, status: number, headers: Headers, body: unknown): CourierError {
  const label = PROVIDER_LABEL[provider]
  const said = messageOf(body, '')
  const because = said ? `: ${said}` : ''
  if (status === 429) return new CourierError(provider, 'rate_limited', `${label} is rate limiting this account; try again shortly${because}`, { httpStatus: status, retryAfterMs: retryAfterMs(headers) })
  if (status >= 500) return new CourierError(provider, 'unavailable', `${label} is not answering properly (HTTP ${status}); try again later${because}`, { httpStatus: status })
  if (status === 401 || status === 403) return new CourierError(provider, 'bad_credentials', `${label} refused this account's credentials${because}`, { httpStatus: status })
  if (status === 404) return new CourierError(provider, 'not_found', `${label} does not know this${because}`, { httpStatus: status })
  if (status === 400 || status === 422) return new CourierError(provider, 'validation', `${label} refused the request${because}`, { httpStatus: status, fieldErrors: fieldErrorsOf(body) })
  return new CourierError(provider, 'bad_response', `${label} answered HTTP ${status}${because}`, { httpStatus: status })
}

/**
 * One JSON call to a courier: waits for ctx.beforeCall() (the account's pacing), times out after
 * ctx.timeoutMs, and turns failures into CourierError: no answer / timeout / 5xx → unavailable,
 * 429 → rate_limited (Retry-After honoured), 401/403 → bad_credentials, 404 → not_found,
 * 400/422 → validation with the field errors. A 2xx whose body is not JSON → bad_response.
 */
export async function requestJson(provider: Provider, ctx: AdapterContext, request: HttpRequest): Promise<HttpResponse> {
  await ctx.beforeCall()
  const url = new URL(ctx.baseUrl.replace(/\/+$/, '') + request.path)
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value))
  const hasBody = request.body !== undefined
  const label = PROVIDER_LABEL[provider]
  let response: Response
  let text: string
  try {
    response = await (ctx.fetch ?? fetch)(url, {
      method: request.method ?? 'GET',
      headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}), ...request.headers },
      body: hasBody ? JSON.stringify(request.body) : undefined,
      signal: AbortSignal.timeout(ctx.timeoutMs),
    })
    text = await response.text()
  } catch (error) {
    const name = (error as Error).name
    const reason = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${ctx.timeoutMs} ms` : 'could not connect'
    throw new CourierError(provider, 'unavailable', `${label} is unreachable (${reason}); try again later`)
  }
  let body: unknown = null
  let json = true
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text)
    } catch {
      json = false
    }
  }
  if (response.status < 200 || response.status > 299) throw errorForStatus(provider, response.status, response.headers, body)
  if (!json) throw new CourierError(provider, 'bad_response', `${label} answered something that is not JSON`, { httpStatus: response.status })
  return { status: response.status, headers: response.headers, body }
}
