import { isErrorCode } from '../../../../src/errors/codes'
import type { Concrete } from './requests'

export type Outcome = { status: number; text: string; body: unknown; code: string | null; detail: string }

const parse = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return undefined
  }
}

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

/** The problems of one response (empty: fine), and its outcome for the summary. */
export function check(request: Concrete, status: number, text: string): { outcome: Outcome; problems: string[] } {
  const body = parse(text)
  const problems: string[] = []
  let detail = ''
  let code: string | null = body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : null
  if (status >= 500) problems.push(`answered ${status}`)
  if (request.kind === 'graphql') {
    const errors = (body as { errors?: unknown } | null)?.errors
    if (body === undefined) problems.push('the GraphQL answer is not JSON')
    else if (Array.isArray(errors) && errors.length > 0) {
      problems.push(...graphqlErrorProblems(errors))
      const first = (errors[0] as { extensions?: { code?: unknown } }).extensions?.code
      code = typeof first === 'string' ? first : 'graphql-error-without-code'
      detail = String((errors[0] as { message?: string }).message ?? '')
    } else if (status >= 400) problems.push(...restErrorProblems(body))
    if (request.mustRefuse && request.graphqlField) {
      const data = (body as { data?: Record<string, unknown> | null } | null)?.data ?? {}
      if (Object.values(data).some((v) => v !== null && v !== undefined)) problems.push(`a ${request.graphqlField} built to be refused succeeded`)
    }
  } else {
    if (status >= 400) {
      if (body === undefined) problems.push(`the ${status} body is not JSON: ${JSON.stringify(text.slice(0, 80))}`)
      else problems.push(...restErrorProblems(body))
    }
    if (request.mustRefuse && status < 300) problems.push(`a request built to be refused answered ${status}`)
  }
  if (!detail && body && typeof body === 'object') detail = String((body as { message?: string }).message ?? '')
  return { outcome: { status, text, body, code, detail }, problems }
}
