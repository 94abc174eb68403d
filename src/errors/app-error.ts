import { APIError } from 'payload'

import { ERROR_CODES, type ErrorCode } from './codes'
import type { FieldError } from './shape'

/** `error.data`, and GraphQL's `extensions.data`: the code, the fields, and the details beside them. */
export type AppErrorData = { error: ErrorCode; errors: FieldError[] } & Record<string, unknown>

type Options = {
  /** The status, when it is not the code's own (rare: e.g. 400 for a taken value in a form). */
  status?: number
  /** The fields at fault; a single `path` is shorthand for one entry with the message. */
  errors?: FieldError[]
  path?: string
  /** Extra keys of the body (e.g. `{ limit, used, max }`), beside error/message/errors. */
  details?: Record<string, unknown>
}

/**
 * The app's one error type: a code from the closed list (codes.ts), the HTTP status that code
 * means, a message that says what to do next, optionally the fields at fault and details.
 * Config `afterError` (shape-errors.ts) turns it, and every other error, into one body.
 */
export class AppError extends APIError<AppErrorData> {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options: Options = {}) {
    const errors = options.errors ?? (options.path !== undefined ? [{ path: options.path, message }] : [])
    const status = options.status ?? ERROR_CODES[code].status
    super(message, status, { ...options.details, error: code, errors }, status < 500)
    this.code = code
    // Spelled out: a production build minifies class names, and the name is logged.
    this.name = 'AppError'
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError
