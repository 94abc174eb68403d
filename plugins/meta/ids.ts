/**
 * The id of a relationship value, populated (`{ id }`) or not (the id itself); null for nothing.
 * Owned by the plugin (a pure helper, not worth injecting); unlike payload/shared's `extractID`
 * it accepts null and undefined.
 */
export const idOf = (value: unknown): null | string => {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && 'id' in value) return String(value.id)
  return null
}
