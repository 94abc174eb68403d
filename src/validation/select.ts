import type { CollectionSlug, FlattenedField, Payload } from 'payload'

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

/**
 * Everything wrong with `populate` (`populate[tenants][name]=true`): keys are collection slugs,
 * values a `select` of that collection. Checked here, so a wrong one is named as `populate.…`
 * rather than as the `select` of the nested read Payload makes with it.
 */
export function populateIssues(payload: Payload, populate: unknown): Issue[] {
  if (populate === undefined || populate === null) return []
  if (!isPlainObject(populate)) return [issue('invalid_query', 'populate', '`populate` must name collections and their fields, e.g. populate[tenants][name]=true.')]
  return Object.entries(populate).flatMap(([slug, select]): Issue[] => {
    const collection = payload.collections[slug as CollectionSlug]?.config
    if (!collection) return [issue('invalid_query', `populate.${slug}`, `\`${slug}\` is not a collection: populate names the collection a relationship points to.`)]
    return selectIssues(collection.flattenedFields, select, `populate.${slug}`)
  })
}
