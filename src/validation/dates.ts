import type { FieldValue } from './body-fields'
import { issue, shown, type Issue } from './issues'

const isDate = (value: unknown) => (value instanceof Date ? !Number.isNaN(value.getTime()) : (typeof value === 'string' || typeof value === 'number') && !Number.isNaN(new Date(value).getTime()))

/**
 * Every date field of a body whose value is not a date. Payload validates dates, but skips
 * fields whose admin `condition` hides them; PostgreSQL then either fails or reads words
 * like "yesterday" or "epoch" as dates.
 */
export function dateIssues(values: readonly FieldValue[]): Issue[] {
  return values
    .filter(({ field, value }) => field.type === 'date' && value !== '' && !isDate(value))
    .map(({ value, path }) => issue('invalid_input', path, `${shown(value)} is not a date: write \`${path}\` as ISO 8601, e.g. 2026-12-01 or 2026-12-01T10:00:00Z.`))
}
