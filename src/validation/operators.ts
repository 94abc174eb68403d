import { validOperators } from 'payload/shared'

import { CONTAINERS, type PathTarget } from './field-paths'

/** Every operator Payload knows (`equals`, `in`, `like`, `near`, …). */
export const OPERATORS: readonly string[] = validOperators
const KNOWN = new Set(OPERATORS)
export const isOperator = (name: string) => KNOWN.has(name)

/** Text-like columns: PostgreSQL's ILIKE works on them (and on json/richText, which Payload queries by path). */
const TEXTUAL = new Set(['text', 'textarea', 'email', 'code', 'json', 'richText'])
/** Payload turns `like` on these into `equals` (drizzle's sanitizeQueryValue/parseParams). */
const LIKE_AS_EQUALS = new Set(['number', 'relationship', 'upload'])
/** Payload turns `contains` on these into `equals` when they hold many values. */
const CONTAINS_AS_EQUALS = new Set(['relationship', 'upload', 'select'])

/** What Payload's PostgreSQL adapter can ask of a json field (a jsonpath per operator, drizzle's createJSONQuery); any other is rendered as `undefined` in the SQL. */
const JSON_OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'like', 'not_like', 'contains', 'exists']

const typeOf = (target: PathTarget) => (target.kind === 'id' ? 'id' : target.kind === 'field' ? target.field.type : '')

/**
 * Why `operator` cannot be used on the field, or null. These are the combinations Payload's
 * PostgreSQL adapter hands to the database as they are and that PostgreSQL then refuses (a 500):
 * ILIKE on an enum, a date or a uuid, geometry on a non-point column, and `all`, which the
 * adapter does not implement at all.
 */
export function operatorProblem(operator: string, target: PathTarget, path: string): null | string {
  if (target.kind !== 'id' && target.kind !== 'field') return null
  const type = typeOf(target)
  const hasMany = target.kind === 'field' && 'hasMany' in target.field && target.field.hasMany === true
  if (operator === 'all') return '`all` is not supported on this database: use `in` to match any of several values, or one `equals`/`contains` condition per value inside `and`.'
  if (CONTAINERS.has(type)) return `\`${path}\` holds other fields: query one of them, e.g. \`${path}.<field>\`.`
  if (type === 'json' && !JSON_OPERATORS.includes(operator)) return `\`${operator}\` does not work inside a json field (\`${path}\`): use one of ${JSON_OPERATORS.join(', ')}.`
  switch (operator) {
    case 'near':
    case 'within':
    case 'intersects':
      return type === 'point' ? null : `\`${operator}\` works on point (geographic) fields only; \`${path}\` is a ${type} field.`
    case 'like':
      return TEXTUAL.has(type) || LIKE_AS_EQUALS.has(type) || type === 'id' ? null : `\`like\` works on text fields; for the ${type} field \`${path}\` use \`equals\` or \`in\`.`
    case 'not_like':
      return TEXTUAL.has(type) ? null : `\`not_like\` works on text fields; for the ${type} field \`${path}\` use \`not_equals\` or \`not_in\`.`
    case 'contains':
      return TEXTUAL.has(type) || (hasMany && CONTAINS_AS_EQUALS.has(type))
        ? null
        : `\`contains\` works on text fields and on fields holding many values; for the ${type} field \`${path}\` use \`equals\` or \`in\`.`
    default:
      return null
  }
}
