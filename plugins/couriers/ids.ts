/** A relationship's id, whether populated (`{ id }`) or not; '' for none. */
export function idOf(value: unknown): string {
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value).id
    return typeof id === 'string' || typeof id === 'number' ? String(id) : ''
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/** A route parameter or query value as text ('' when absent or not a string). */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '')
