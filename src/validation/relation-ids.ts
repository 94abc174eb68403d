import type { FieldValue } from './body-fields'
import { isPlainObject, issue, shown, type Issue } from './issues'
import { isUuid } from './uuid'

/** The id a relationship value carries: the id itself, a populated document's `id`, or a polymorphic `{ relationTo, value }`. */
const idIn = (value: unknown): unknown => (isPlainObject(value) ? ('value' in value ? value.value : value.id) : value)

/**
 * Every relationship or upload value of a body that is not an id (ids are UUIDs), with its path:
 * refused before a hook looks it up or PostgreSQL refuses it without saying which field.
 */
export function relationIdIssues(values: readonly FieldValue[]): Issue[] {
  return values.flatMap(({ field, value, path }): Issue[] => {
    if (field.type !== 'relationship' && field.type !== 'upload') return []
    const target = Array.isArray(field.relationTo) ? field.relationTo.join(' or ') : field.relationTo
    const list = Array.isArray(value) ? value.map((v, i) => [v, `${path}.${i}`] as const) : [[value, path] as const]
    return list.flatMap(([item, at]) => {
      const id = idIn(item)
      // Payload reads '' as "no relation".
      if (id === null || id === undefined || id === '' || isUuid(id)) return []
      return [issue('invalid_id', at, `${shown(id)} is not an id: \`${at}\` takes the id (a UUID) of a document of ${target}.`)]
    })
  })
}
