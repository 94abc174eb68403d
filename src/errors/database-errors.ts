import { AppError } from './app-error'

/** A PostgreSQL error as node-postgres gives it (drizzle wraps it as `cause`). */
type PgError = { code: string; message: string; column?: string; constraint?: string; detail?: string; table?: string }

const SQLSTATE = /^[0-9A-Z]{5}$/

/** The PostgreSQL error behind an error (itself, or a `cause` a few levels down). */
export function pgErrorOf(error: unknown): null | PgError {
  let current = error as { cause?: unknown; code?: unknown } | null | undefined
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (typeof current.code === 'string' && SQLSTATE.test(current.code) && typeof (current as { severity?: unknown }).severity === 'string') return current as PgError
    current = current.cause as typeof current
  }
  return null
}

/** Node's socket errors and pg's own messages when the server is not there (or went away). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED'])
const CONNECTION_MESSAGES = new RegExp(
  [
    'Connection terminated', // "… unexpectedly", "… due to connection timeout"
    'timeout exceeded when trying to connect',
    'is not queryable', // a client whose connection failed or was closed
    'Connection ended unexpectedly',
    'the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)',
    'terminating connection due to administrator command',
    'too many clients already|remaining connection slots are reserved',
    'Cannot use a pool after calling end',
    // Payload's beginTransaction re-throws with the message only: "cannot begin transaction: connect
    // ECONNREFUSED …", or drizzle's "Failed query: begin" whose cause is gone — on a fresh
    // checkout BEGIN fails only when the connection does.
    `cannot begin transaction: (Failed query: begin|.*\\b(${[...CONNECTION_CODES].join('|')})\\b)`,
  ].join('|'),
  'i',
)

/** True when the error says the database is unreachable (not that the query was wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error as { cause?: unknown; code?: unknown; message?: unknown; errors?: unknown } | null | undefined
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = typeof current.code === 'string' ? current.code : ''
    // 08xxx connection exceptions; 57P01–57P03 admin shutdown, crash shutdown, cannot connect now;
    // 53300 too many connections (the server is full for a moment).
    if (CONNECTION_CODES.has(code) || /^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300') return true
    if (typeof current.message === 'string' && CONNECTION_MESSAGES.test(current.message)) return true
    // AggregateError of a dual-stack connect (ECONNREFUSED on ::1 and 127.0.0.1).
    if (Array.isArray(current.errors) && current.errors.some((e) => isDatabaseUnavailable(e))) return true
    current = current.cause as typeof current
  }
  return false
}

/** `products_tenant_id_tenants_id_fk` → `tenant`; a column name → its field (snake → camel, `_id` dropped). */
const fieldOfColumn = (column: string): string => column.replace(/_id$/, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
const columnOfConstraint = (constraint: string, table?: string): null | string => {
  const rest = table && constraint.startsWith(`${table}_`) ? constraint.slice(table.length + 1) : constraint
  const match = /^(.+?)_(?:[a-z0-9_]+_id_fk|fk|idx|key|unique)$/.exec(rest)
  return match ? match[1] : null
}
const pathOf = (pg: PgError): string => {
  if (pg.column) return fieldOfColumn(pg.column)
  const fromDetail = /^Key \(([^)]+)\)/.exec(pg.detail ?? '')?.[1]
  if (fromDetail)
    return (
      fromDetail
        .split(',')
        .map((c) => fieldOfColumn(c.trim()))
        .filter((f) => f !== 'tenant')
        .join('.') || 'tenant'
    )
  const column = pg.constraint ? columnOfConstraint(pg.constraint, pg.table) : null
  return column ? fieldOfColumn(column) : ''
}

/** The quoted value of `invalid input syntax for type uuid: "1"`. */
const badValue = (message: string) => /: "(.*)"$/.exec(message)?.[1]

/**
 * A database error that the input caused, as the 4xx it means; null when it is not one (the
 * caller keeps it a 500: our bug). Validation before the database (src/validation) catches most
 * of these with the field named; this is the net under it.
 */
export function appErrorOfDatabase(error: unknown): AppError | null {
  const pg = pgErrorOf(error)
  if (!pg) return null
  const path = pathOf(pg)
  switch (pg.code) {
    case '22P02': {
      const value = badValue(pg.message)
      if (/type uuid/.test(pg.message)) return new AppError('invalid_id', `${value === undefined ? 'A value' : JSON.stringify(value)} is not a valid id: ids are UUIDs.`, { path })
      return new AppError('invalid_input', `${value === undefined ? 'A value' : JSON.stringify(value)} is not valid here (${pg.message.replace(/:.*$/, '')}).`, { path })
    }
    case '22007':
    case '22008':
      return new AppError('invalid_input', 'A date is not valid: write it as ISO 8601, e.g. 2026-12-01 or 2026-12-01T10:00:00Z.', { path })
    case '22021':
    case '22P05':
      return new AppError('invalid_input', 'Text may not contain the NUL character (\\u0000); remove it and send again.', { path })
    case '22003':
      return new AppError('invalid_input', 'A number is out of range for its field.', { path })
    case '22001':
      return new AppError('invalid_input', 'A value is too long for its field.', { path })
    case '22023':
    case '22004':
    case '22012':
      return new AppError('invalid_input', `A value is not valid: ${pg.message}.`, { path })
    case '2201W':
    case '2201X':
      return new AppError('invalid_query', '`page` and `limit` must be positive whole numbers.', { path: pg.code === '2201W' ? 'limit' : 'page' })
    case '42703':
    case '42P10':
      return new AppError('invalid_query', 'A `sort` or `where` names a field this collection does not have.', { path: 'sort' })
    case '23502':
      return new AppError('invalid_input', `${path || 'A required field'} is required.`, { path })
    case '23503':
      return new AppError('invalid_id', `${path || 'A relationship'} points at a document that does not exist.`, { path })
    case '23505':
      return new AppError('duplicate', `${path || 'A value'} is already used; choose another.`, { path })
    case '23514':
      return new AppError('invalid_input', 'A value breaks a rule of its field.', { path })
    case '54001':
      return new AppError('query_too_complex', 'The request is nested too deeply.')
    default:
      return null
  }
}
