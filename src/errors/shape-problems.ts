import { isErrorCode } from './codes'

/*
 * Checks of the one error shape (README "Errors"), for the fuzz test (tests/int/helpers/fuzz) and
 * `npm run selfcheck` (src/platform-health/selfcheck): what a client sees, from the outside.
 */

/** What is wrong with a REST error body: `{ error: <code>, message, errors: [{ path, message }] }`. */
export function restErrorProblems(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['the error body is not a JSON object']
  const b = body as Record<string, unknown>
  const problems: string[] = []
  if (!isErrorCode(b.error)) problems.push(`error ${JSON.stringify(b.error)} is not a code of src/errors/codes.ts`)
  if (typeof b.message !== 'string' || b.message.trim() === '') problems.push('message is not a non-empty string')
  if (!Array.isArray(b.errors)) problems.push('errors is not an array')
  else if (!b.errors.every((e) => e && typeof e === 'object' && typeof (e as { path?: unknown }).path === 'string' && typeof (e as { message?: unknown }).message === 'string')) {
    problems.push('an entry of errors is not { path: string, message: string }')
  }
  return problems
}

/** What is wrong with GraphQL errors: each needs `extensions.code` (a code) and `extensions.statusCode`. */
export function graphqlErrorProblems(errors: unknown[]): string[] {
  const problems = new Set<string>()
  for (const error of errors) {
    const ext = (error as { extensions?: Record<string, unknown> } | null)?.extensions
    if (!ext || !isErrorCode(ext.code)) problems.add(`a GraphQL error has extensions.code ${JSON.stringify(ext?.code)}, not a code`)
    if (typeof ext?.statusCode !== 'number') problems.add('a GraphQL error has no numeric extensions.statusCode')
    if (typeof (error as { message?: unknown })?.message !== 'string') problems.add('a GraphQL error has no message')
  }
  return [...problems]
}
