/** Plain helpers of the admin's REST calls (no React, no Payload UI: testable in Node). */

type ErrorBody = {
  error?: string
  message?: string
  errors?: { message?: string; data?: { errors?: { path?: string; message?: string }[] } }[]
}

/**
 * The words to show for a failed REST call: the field messages of a 400 ValidationError (e.g.
 * the 24-hour window refusal), the message of a 403 plan error (`quota_exceeded`), else the
 * first error's message, else the status.
 */
export function errorMessage(body: unknown, status: number): string {
  const b = (body && typeof body === 'object' ? body : {}) as ErrorBody
  const fields = (b.errors ?? []).flatMap((e) => (e?.data?.errors ?? []).map((f) => f?.message).filter((m): m is string => Boolean(m)))
  if (fields.length > 0) return fields.join(' ')
  if (b.error && b.message) return b.message
  return b.errors?.[0]?.message || b.message || `The server answered ${status}.`
}

/** The id of a relationship value, populated or not. */
export const idOf = (value: unknown): null | string =>
  value && typeof value === 'object' ? String((value as { id: unknown }).id) : value == null || value === '' ? null : String(value)

/** `?a=1&where[x][equals]=2`, from pairs (Payload's qs syntax, written out). */
export const query = (params: Record<string, number | string | undefined>): string => {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined) q.append(key, String(value))
  return `?${q.toString()}`
}
