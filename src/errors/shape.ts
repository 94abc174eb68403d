import type { ErrorCode } from './codes'

/**
 * One field's problem: `path` is the field (dots for nesting, '' for the whole body); `code` is an
 * ErrorCode (codes.ts) or the code a field validator chose.
 */
export type FieldError = { path: string; message: string; code?: string }

/**
 * The one body every refused REST request answers with. `details` of the error (e.g. `limit`,
 * `used`, `max` of `quota_exceeded`, `retryAfter` of `rate_limited`) sit beside these keys.
 */
export type ErrorBody = { error: ErrorCode; message: string; errors: FieldError[] } & Record<string, unknown>

/**
 * The words to show a person for a failed call (the one helper the admin and the public pages
 * use): the field messages when there are any, else the message, else the status.
 * Also reads Payload's own `{ errors: [{ message, data: { errors } }] }` (e.g. from a proxy).
 */
export function errorMessage(body: unknown, status: number): string {
  const b = (body && typeof body === 'object' ? body : {}) as { message?: unknown; errors?: { path?: string; message?: string; data?: { errors?: FieldError[] } }[] }
  const entries = Array.isArray(b.errors) ? b.errors : []
  const fields = entries
    .flatMap((e) => [e as FieldError, ...((e as { data?: { errors?: FieldError[] } })?.data?.errors ?? [])])
    .filter((e) => e?.path && e.message)
    .map((e) => e.message)
  if (fields.length > 0) return [...new Set(fields)].join(' ')
  if (typeof b.message === 'string' && b.message) return b.message
  return entries.find((e) => e?.message)?.message || `The server answered ${status}.`
}

/** The code of a failed call's body, if it has one. */
export const errorCodeOf = (body: unknown): null | string => {
  const code = (body as { error?: unknown } | null)?.error
  return typeof code === 'string' ? code : null
}
