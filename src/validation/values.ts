import type { FlattenedField } from 'payload'

import type { PathTarget } from './field-paths'
import { isPlainObject, shown, type Issue, issue } from './issues'
import { isUuid } from './uuid'

const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
/** Payload reads the string `null` as null for these types (drizzle's sanitizeQueryValue). */
const NULL_STRING_TYPES = new Set(['id', 'relationship', 'upload', 'date', 'number'])

const isNullish = (value: unknown) => value === null || value === undefined

/** Why one value cannot be compared with the field, or null. */
function scalarProblem(target: PathTarget, operator: string, value: unknown, field: string, path: string): Issue | null {
  const type = target.kind === 'id' ? 'id' : target.kind === 'field' ? target.field.type : ''
  if (isNullish(value) || (value === 'null' && NULL_STRING_TYPES.has(type))) return null
  if (typeof value === 'string' && value.includes('\u0000')) return issue('invalid_query', path, `The value for \`${field}\` contains the NUL character (\\u0000), which no field holds: remove it.`)
  switch (type) {
    case 'id':
    case 'relationship':
    case 'upload': {
      if (target.kind === 'field' && 'relationTo' in target.field && Array.isArray(target.field.relationTo)) return null
      // `like` on an id is Payload's "search": a non-id simply matches nothing.
      if (operator === 'like' || isUuid(value)) return null
      return issue('invalid_id', path, `${shown(value)} is not an id: ids are UUIDs (e.g. 0b8f3c1e-2d4a-4f6b-9c8d-1e2f3a4b5c6d).`)
    }
    case 'number':
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        ? null
        : issue('invalid_query', path, `${shown(value)} is not a number: \`${field}\` holds numbers.`)
    case 'date': {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? issue('invalid_query', path, 'The date is not valid.') : null
      // What drizzle accepts: a timestamp in milliseconds, or a string `new Date()` reads ('' reads as null).
      const time = typeof value === 'number' ? value : typeof value === 'string' ? (value === '' ? 0 : new Date(value).getTime()) : Number.NaN
      return Number.isFinite(time) ? null : issue('invalid_query', path, `${shown(value)} is not a date: write it as ISO 8601, e.g. 2026-12-01 or 2026-12-01T10:00:00Z.`)
    }
    case 'checkbox':
      return typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value)) ? null : issue('invalid_query', path, `${shown(value)} is not true or false.`)
    case 'select':
    case 'radio': {
      const options = optionValues(target.kind === 'field' ? target.field : undefined)
      return typeof value === 'string' && options.includes(value) ? null : issue('invalid_query', path, `${shown(value)} is not an option of \`${field}\`: use one of ${options.join(', ')}.`)
    }
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? null
        : issue('invalid_query', path, `\`${field}\` holds text: compare it with a text value, not ${Array.isArray(value) ? 'a list' : 'an object'}.`)
    default:
      // json, richText, point: Payload queries these by their own rules.
      return null
  }
}

const optionValues = (field: FlattenedField | undefined): string[] => (field && 'options' in field ? field.options.map((option) => (typeof option === 'string' ? option : option.value)) : [])

/**
 * What is wrong with the value of one condition on `field` (the wrong type, a non-id where an
 * id goes, an unknown option, a NUL character), or null; `path` is the condition's
 * (`where.createdAt.less_than`). Lists (`in`, `not_in`) may be arrays or comma-separated
 * strings, as Payload reads them; the first wrong element is named.
 */
export function valueProblem(target: PathTarget, operator: string, value: unknown, field: string, path: string): Issue | null {
  if (value === undefined || (target.kind !== 'id' && target.kind !== 'field')) return null
  if (operator === 'exists') {
    return typeof value === 'boolean' || value === 'true' || value === 'false' ? null : issue('invalid_query', path, `\`exists\` takes true or false, not ${shown(value)}.`)
  }
  if (operator === 'near' || operator === 'within' || operator === 'intersects') return null
  const hasMany = target.kind === 'field' && 'hasMany' in target.field && target.field.hasMany === true
  // A nested `where` inside `contains` of a has-many relationship: Payload validates it itself.
  if (operator === 'contains' && isPlainObject(value) && hasMany) return null
  let values: unknown[] = [value]
  if (LIST_OPERATORS.has(operator)) values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]
  else if (Array.isArray(value)) {
    if (!hasMany) return issue('invalid_query', path, `\`${operator}\` takes one value; to match any of several, use \`in\`.`)
    values = value
  }
  for (const v of values) {
    const problem = scalarProblem(target, operator, v, field, path)
    if (problem) return problem
  }
  return null
}
