/**
 * Every document id is a UUID (src/db/adapter.ts, `idType: 'uuid'`). The one pattern the app
 * checks ids with: a value that does not match names no document.
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)
