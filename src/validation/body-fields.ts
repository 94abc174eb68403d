import type { FlattenedField } from 'payload'

import { isPlainObject } from './issues'

/** One value of a body with the field it is for and its path (`items.0.product`). */
export type FieldValue = { field: FlattenedField; value: unknown; path: string }

/**
 * Every value a body gives a field that holds a value (not other fields), through groups, named
 * tabs, arrays and blocks. A has-many field's list is one value. Keys that are no field are
 * skipped: Payload drops them.
 */
export function bodyValues(fields: readonly FlattenedField[], data: unknown, prefix = ''): FieldValue[] {
  if (!isPlainObject(data)) return []
  return fields.flatMap((field): FieldValue[] => {
    const value = data[field.name]
    if (value === undefined || value === null) return []
    const path = `${prefix}${field.name}`
    switch (field.type) {
      case 'group':
      case 'tab':
        return bodyValues(field.flattenedFields, value, `${path}.`)
      case 'array':
        return Array.isArray(value) ? value.flatMap((row, i) => bodyValues(field.flattenedFields, row, `${path}.${i}.`)) : []
      case 'blocks':
        return Array.isArray(value)
          ? value.flatMap((row, i) => {
              const block = field.blocks.find((b) => isPlainObject(row) && b.slug === row.blockType)
              return block ? bodyValues(block.flattenedFields, row, `${path}.${i}.`) : []
            })
          : []
      default:
        return [{ field, value, path }]
    }
  })
}
