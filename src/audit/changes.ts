/** Fields never compared: bookkeeping Payload maintains itself. */
const IGNORED = new Set(['id', 'createdAt', 'updatedAt', 'sizes', 'hash', 'salt', 'sessions', 'loginAttempts', 'lockUntil', 'resetPasswordToken', 'resetPasswordExpiration', '_verificationToken'])

/** Names whose values are secrets: shown as "••••" (changed or not), never stored in the log. */
const SECRET = /token|secret|password|credential|apikey|keyhash|^key$/i

export const MASK = '••••'

const MAX_VALUE = 500

const idOf = (value: unknown): unknown => (value && typeof value === 'object' && !Array.isArray(value) && 'id' in value ? value.id : value)

/** A value as the log keeps it: relationships by id, long text cut, everything JSON. */
function logValue(value: unknown): unknown {
  const plain = Array.isArray(value) ? value.map(idOf) : idOf(value)
  if (plain === undefined) return null
  const json = JSON.stringify(plain)
  if (json === undefined) return null
  return json.length > MAX_VALUE ? `${json.slice(0, MAX_VALUE)}…` : plain
}

export type Changes = Record<string, { before: unknown; after: unknown }>

/**
 * The fields that differ between two versions of a document (top level; arrays and groups as a
 * whole), with secrets masked. `before` is null on create, `after` null on delete.
 */
export function changedFields(before: null | Record<string, unknown>, after: null | Record<string, unknown>): Changes {
  const changes: Changes = {}
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  for (const name of names) {
    if (IGNORED.has(name)) continue
    const [a, b] = [logValue(before?.[name]), logValue(after?.[name])]
    if (JSON.stringify(a) === JSON.stringify(b)) continue
    if (SECRET.test(name)) changes[name] = { before: before && before[name] != null ? MASK : null, after: after && after[name] != null ? MASK : null }
    else changes[name] = { before: before ? a : null, after: after ? b : null }
  }
  return changes
}
