import {
  APIError,
  AuthenticationError,
  FileUploadError,
  Forbidden,
  InvalidFieldRelationship,
  Locked,
  LockedAuth,
  MissingFile,
  NotFound,
  QueryError,
  UnauthorizedError,
  UnverifiedEmail,
  ValidationError,
} from 'payload'

import { AppError } from './app-error'
import { codeForStatus, ERROR_CODES, isErrorCode, type ErrorCode } from './codes'
import { appErrorOfDatabase, isDatabaseUnavailable } from './database-errors'
import type { ErrorBody, FieldError } from './shape'

/** What an error answers: its status, the one body, and headers to add (Retry-After). */
export type Classified = { status: number; body: ErrorBody; headers?: Record<string, string> }

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER = 5

/** busboy's words for a broken multipart body (Payload re-throws them as a plain 500 APIError). */
const BROKEN_MULTIPART =
  /Unexpected end of (form|file)|Malformed part header|Malformed content type|Unsupported content type|not eligible for file upload|Boundary not found|Malformed urlencoded form|Unexpected end of multipart|Part terminated early|Multipart: /i

const UNIQUE = /^Value must be unique/i

const JSON_SYNTAX = /JSON|Unexpected token|Unexpected end of input|Bad control character|Unterminated string|Expected property name/i

/** Payload's own error classes (by class, not by name: names are minified in some builds). */
const PAYLOAD_CODES: [new (...args: never[]) => Error, ErrorCode][] = [
  [NotFound, 'not_found'],
  [Forbidden, 'forbidden'],
  [UnauthorizedError, 'unauthorized'],
  [AuthenticationError, 'unauthorized'],
  [UnverifiedEmail, 'forbidden'],
  [LockedAuth, 'locked'],
  [Locked, 'conflict'],
  [QueryError, 'invalid_query'],
  [MissingFile, 'invalid_input'],
  [FileUploadError, 'invalid_input'],
  [InvalidFieldRelationship, 'invalid_input'],
]
const payloadCodeOf = (error: Error): ErrorCode | undefined => PAYLOAD_CODES.find(([type]) => error instanceof type)?.[1]

const fieldErrorsOf = (data: unknown): FieldError[] => {
  const list = (data as { errors?: unknown } | null)?.errors ?? (Array.isArray(data) ? data : null)
  if (!Array.isArray(list)) return []
  return list
    .filter((e): e is Record<string, unknown> => Boolean(e) && typeof e === 'object')
    .map((e) => {
      const path = typeof e.path === 'string' ? e.path : typeof e.field === 'string' ? e.field : ''
      const message = typeof e.message === 'string' && e.message ? e.message : path ? `${path} cannot be used here.` : 'Invalid.'
      return { path, message, ...(typeof e.code === 'string' ? { code: e.code } : {}) }
    })
}

/** Keys of an error's data that go beside error/message/errors (plan and rate-limit details). */
const detailsOf = (data: unknown): Record<string, unknown> => {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {}
  const { error: _code, errors: _errors, ...rest } = data as Record<string, unknown>
  return rest
}

const body = (code: ErrorCode, message: string, errors: FieldError[] = [], details: Record<string, unknown> = {}): ErrorBody => ({ ...details, error: code, message, errors })

/** The error a GraphQL resolver threw (graphql-js wraps it as `originalError`). */
export const unwrap = (error: unknown): unknown => {
  const original = (error as { originalError?: unknown } | null)?.originalError
  return original ?? error
}

/**
 * Every error as the one shape: a coded AppError as it is; an APIError that carries a code
 * (the plugins' plan and rate-limit errors); Payload's own errors by class; database errors the
 * input caused; an unreachable database (503); a broken body; anything else a 500 whose
 * message says nothing of the inside (it is logged).
 */
export function classify(raw: unknown): Classified {
  const error = unwrap(raw)
  if (error instanceof AppError) {
    return { status: error.status, body: body(error.code, error.message, error.data.errors, detailsOf(error.data)) }
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER) },
      body: body('database_unavailable', `The database is unreachable for a moment. Nothing was changed by this request; retry in ${DATABASE_RETRY_AFTER} seconds.`, [], { retryAfter: DATABASE_RETRY_AFTER }),
    }
  }
  const fromDatabase = appErrorOfDatabase(error)
  if (fromDatabase) return classify(fromDatabase)
  if (error instanceof ValidationError) {
    // Payload's own unique-index check answers a ValidationError "Value must be unique".
    const errors = fieldErrorsOf(error.data).map((e) => (UNIQUE.test(e.message) ? { ...e, code: 'duplicate' } : e))
    const duplicate = errors.length > 0 && errors.every((e) => e.code === 'duplicate')
    return duplicate
      ? { status: 409, body: body('duplicate', `${errors.map((e) => e.path).join(', ')} is already used; choose another.`, errors) }
      : { status: 400, body: body('invalid_input', error.message, errors) }
  }
  if (error instanceof APIError) {
    const data = error.data as unknown
    const coded = (data as { error?: unknown } | null)?.error
    if (isErrorCode(coded)) return { status: error.status, body: body(coded, error.message, fieldErrorsOf(data), detailsOf(data)) }
    if (error.status >= 500 && BROKEN_MULTIPART.test(error.message))
      return classify(new AppError('invalid_multipart', `The multipart body is broken (${error.message}); send a complete multipart/form-data body, or JSON.`))
    if (error.status === 400 && /^Invalid JSON$/.test(error.message)) return classify(new AppError('invalid_json', 'The body is not valid JSON.'))
    if (error.status < 500) {
      const code = payloadCodeOf(error) ?? codeForStatus(error.status)
      const errors = error instanceof QueryError ? fieldErrorsOf(data).map((e) => ({ ...e, message: `${e.path} cannot be queried.` })) : fieldErrorsOf(data)
      return { status: error.status, body: body(code, error.message, errors) }
    }
  }
  if (error instanceof SyntaxError && JSON_SYNTAX.test(error.message)) return classify(new AppError('invalid_json', `The body is not valid JSON (${error.message}).`))
  if (error instanceof Error && BROKEN_MULTIPART.test(error.message)) return classify(new AppError('invalid_multipart', `The multipart body is broken (${error.message}).`))
  return { status: 500, body: body('internal_error', 'Something went wrong on our side; it is logged. Try again, and tell us if it keeps happening.') }
}

/** The status a code means (for callers that build a body by hand, e.g. a webhook). */
export const statusOf = (code: ErrorCode) => ERROR_CODES[code].status
