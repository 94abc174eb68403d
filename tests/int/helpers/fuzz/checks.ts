import { graphqlErrorProblems, restErrorProblems } from '../../../../src/errors/shape-problems'
import type { Concrete } from './requests'

export type Outcome = { status: number; text: string; body: unknown; code: string | null; detail: string }

const parse = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return undefined
  }
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
