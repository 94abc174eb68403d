import { isPlainObject, issue, type Issue } from './issues'

/**
 * Every string of a body holding the NUL character (\u0000), with its path (`name`,
 * `items.0.note`, `tags.2`). PostgreSQL stores it in neither text nor jsonb, so the write
 * would fail; it is refused, not stripped, so nothing is saved other than what was sent.
 */
export function nullByteIssues(value: unknown, path = ''): Issue[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [issue('invalid_input', path, `\`${path || 'The body'}\` contains the NUL character (\\u0000), which cannot be stored: remove it and send again.`)] : []
  }
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key))
  if (Array.isArray(value)) return value.flatMap((item, i) => nullByteIssues(item, at(i)))
  if (isPlainObject(value)) return Object.entries(value).flatMap(([key, item]) => nullByteIssues(item, at(key)))
  return []
}
