/** Graph's error envelope, `{ error: { message, type, code, error_subcode, error_data, fbtrace_id } }`, as an Error. */

/** A string or number field of Graph's error body as text; anything else as absent. */
const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined)
export class GraphError extends Error {
  readonly status: number
  readonly code: number
  readonly subcode?: number
  readonly type?: string
  readonly details?: string
  readonly fbtraceId?: string

  constructor(init: { status: number; code: number; message: string; subcode?: number; type?: string; details?: string; fbtraceId?: string }) {
    super(init.message)
    this.name = 'GraphError' // set explicitly: production builds minify class names
    this.status = init.status
    this.code = init.code
    this.subcode = init.subcode
    this.type = init.type
    this.details = init.details
    this.fbtraceId = init.fbtraceId
  }

  /** The token is expired, revoked or invalid: the page or number must be reconnected. */
  get isTokenError(): boolean {
    return this.code === 190 || (this.code === 0 && this.status === 401)
  }

  /** App, WABA, throughput or page rate limits: retry later with backoff. */
  get isRateLimit(): boolean {
    return [4, 613, 80007, 130429].includes(this.code) || this.status === 429
  }

  /** Graph could not be reached or answered with a server error: worth a retry. */
  get isTransient(): boolean {
    return this.isRateLimit || this.status >= 500 || this.code === -1
  }

  /** For people: the message and, when Graph gave them, the details. */
  get explanation(): string {
    return this.details && !this.message.includes(this.details) ? `${this.message} — ${this.details}` : this.message
  }
}

/** Build a GraphError from an HTTP answer that is not 2xx. */
export function graphErrorFrom(status: number, body: unknown): GraphError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error
  if (!error || typeof error !== 'object') {
    return new GraphError({ status, code: -1, message: `Graph answered HTTP ${status} without an error body` })
  }
  const data = error.error_data as { details?: string } | string | undefined
  return new GraphError({
    status,
    code: Number(error.code ?? -1),
    message: text(error.message) ?? `Graph error (HTTP ${status})`,
    subcode: error.error_subcode == null ? undefined : Number(error.error_subcode),
    type: text(error.type),
    details: typeof data === 'string' ? data : data?.details,
    fbtraceId: text(error.fbtrace_id),
  })
}
