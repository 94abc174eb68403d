import type { FlattenedField } from 'payload'

import { isPlainObject, issue, shown, type Issue } from './issues'

/** Fields whose `select` may name their own fields (`select[branding][logo]=true`). */
const NESTED = new Set(['array', 'group', 'tab'])

/**
 * Everything wrong with `select`: names of no field, and values other than true/false (or, for
 * groups and arrays, their own fields). Inside blocks the keys are block slugs: left to Payload.
 */
export function selectIssues(fields: readonly FlattenedField[], select: unknown, path = 'select'): Issue[] {
  if (select === undefined || select === null) return []
  if (!isPlainObject(select)) return [issue('invalid_query', path, `\`${path}\` must name fields, e.g. select[name]=true.`)]
  return Object.entries(select).flatMap(([name, value]): Issue[] => {
    const at = `${path}.${name}`
    const field = fields.find((f) => f.name === name)
    if (!field && name !== 'id') return [issue('invalid_query', at, `\`${name}\` is not a field here: select only fields the documents have.`)]
    if (typeof value === 'boolean') return []
    if (isPlainObject(value) && field) return NESTED.has(field.type) && 'flattenedFields' in field ? selectIssues(field.flattenedFields, value, at) : []
    return [issue('invalid_query', at, `\`${at}\` must be true or false, not ${shown(value)}.`)]
  })
}
