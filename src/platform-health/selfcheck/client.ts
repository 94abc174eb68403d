import { graphqlErrorProblems, restErrorProblems } from '../../errors/shape-problems'

/** How the self-check reaches the app: `fetch` against a running instance, or a route module in a test. */
export type Send = (request: Request) => Promise<Response>

export type Finding = { check: string; message: string }

export type Answer = { status: number; body: unknown; text: string }

export type CallOptions = {
  token?: string
  /** A JSON body (encoded), or `raw` bytes sent as they are with `contentType`. */
  body?: unknown
  raw?: string
  contentType?: string
  headers?: Record<string, string>
  /** false: a 4xx need not have the one error shape (answered by Next.js's router before the app). */
  shape?: false
}

const parse = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return undefined
  }
}

/**
 * One self-check run's HTTP client and its findings. Every answer is checked for what must never
 * happen whatever was sent: a 5xx, and an error body not of the one shape (README "Errors").
 */
export class Probe {
  readonly findings: Finding[] = []
  checks = 0

  constructor(
    private readonly send: Send,
    readonly base: string,
  ) {}

  /** Record one finding under `check`. */
  find(check: string, message: string): void {
    this.findings.push({ check, message })
  }

  /** Count one check; record `message` when `failed`. */
  expect(check: string, failed: boolean, message: string): void {
    this.checks++
    if (failed) this.find(check, message)
  }

  /** One request; itself a check (no 5xx, the one error shape). */
  async call(check: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    this.checks++
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
    if (options.token) headers.authorization = `JWT ${options.token}`
    let body: string | undefined
    if (options.raw !== undefined) {
      body = options.raw
      if (options.contentType) headers['content-type'] = options.contentType
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers['content-type'] = 'application/json'
    }
    const response = await this.send(new Request(`${this.base}/api${path}`, { method, headers, body }))
    const text = await response.text()
    const answer = { status: response.status, body: parse(text), text }
    const where = `${method} ${path.split('?')[0]}`
    if (answer.status >= 500) this.find(check, `${where} answered ${answer.status}: ${text.slice(0, 160)}`)
    else if (path.startsWith('/graphql')) {
      const errors = (answer.body as { errors?: unknown } | undefined)?.errors
      if (answer.body === undefined) this.find(check, `${where}: the answer is not JSON`)
      else if (Array.isArray(errors) && errors.length > 0) for (const problem of graphqlErrorProblems(errors)) this.find(check, `${where}: ${problem}`)
    } else if (answer.status >= 400 && options.shape !== false) {
      for (const problem of answer.body === undefined ? [`the ${answer.status} body is not JSON`] : restErrorProblems(answer.body)) this.find(check, `${where}: ${problem}`)
    }
    return answer
  }

  /** POST /api/graphql with a query and its variables. */
  graphql(check: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
    return this.call(check, 'POST', '/graphql', { token, body: { query, variables } })
  }
}

/** GraphQL `data` of an answer, or {} when there is none. */
export const dataOf = (answer: Answer): Record<string, unknown> => (answer.body as { data?: Record<string, unknown> | null } | undefined)?.data ?? {}

/** Docs of a REST list answer ([] when it is not one). */
export const docsOf = (answer: Answer): { id: string }[] => {
  const docs = (answer.body as { docs?: unknown } | undefined)?.docs
  return Array.isArray(docs) ? (docs as { id: string }[]) : []
}
