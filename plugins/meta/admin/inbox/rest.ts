/** Plain helpers of the admin's REST calls (no React, no Payload UI: testable in Node). */

// The API's one error body and its one reader (the host's error contract, dependency-free).
export { errorMessage } from '../../../../src/errors/shape'

/** The id of a relationship value, populated or not. */
export const idOf = (value: unknown): null | string =>
  value && typeof value === 'object' ? String((value as { id: unknown }).id) : value == null || value === '' ? null : String(value)

/** `?a=1&where[x][equals]=2`, from pairs (Payload's qs syntax, written out). */
export const query = (params: Record<string, number | string | undefined>): string => {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined) q.append(key, String(value))
  return `?${q.toString()}`
}
