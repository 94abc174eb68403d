/** Plain helpers of the admin's REST calls (no React, no Payload UI: testable in Node). */

type FieldError = { path?: string; message?: string }

/**
 * The words to show for a failed call: the field messages when there are any, else the message,
 * else the status. Reads the host's coded body (`{ error, message, errors: [{ path, message }] }`)
 * and Payload's own (`{ errors: [{ message, data: { errors } }] }`). A copy owned by the plugin:
 * client code cannot receive the host's reader through options.
 */
export function errorMessage(body: unknown, status: number): string {
  const b = (body && typeof body === 'object' ? body : {}) as { message?: unknown; errors?: (FieldError & { data?: { errors?: FieldError[] } })[] }
  const entries = Array.isArray(b.errors) ? b.errors : []
  const fields = entries
    .flatMap((e) => [e, ...(e?.data?.errors ?? [])])
    .filter((e) => e?.path && e.message)
    .map((e) => e.message!)
  if (fields.length > 0) return [...new Set(fields)].join(' ')
  if (typeof b.message === 'string' && b.message) return b.message
  return entries.find((e) => e?.message)?.message || `The server answered ${status}.`
}

/** The id of a relationship value, populated or not. */
export const idOf = (value: unknown): null | string =>
  value && typeof value === 'object' ? idOf((value as { id: unknown }).id) : typeof value === 'string' || typeof value === 'number' ? (value === '' ? null : String(value)) : null

/** `?a=1&where[x][equals]=2`, from pairs (Payload's qs syntax, written out). */
export const query = (params: Record<string, number | string | undefined>): string => {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined) q.append(key, String(value))
  return `?${q.toString()}`
}
