import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { quotaOptions } from './options'

export { sql }
export type SQL = ReturnType<typeof sql>

/** The SQL table of a collection (Payload's own name map, e.g. `usage-counters` → `usage_counters`). */
export function tableOf(payload: Payload, slug: string): ReturnType<typeof sql.identifier> {
  const map = (payload.db as unknown as { tableNameMap: Map<string, string> }).tableNameMap
  const name = map.get(slug.replace(/-/g, '_')) ?? slug.replace(/-/g, '_')
  return sql.identifier(name)
}

/** A query run in the request's transaction and database context (the host's runSql). */
export const runSql = (req: PayloadRequest, query: SQL): Promise<Record<string, unknown>[]> => quotaOptions(req.payload).db.runSql(req, query)

/** First row of a query run in the request's transaction and database context. */
export async function one<T extends Record<string, unknown>>(req: PayloadRequest, query: SQL): Promise<T | undefined> {
  return (await runSql(req, query))[0] as T | undefined
}

export const asNumber = (value: unknown): number => Number(value ?? 0)

/** The id of a relationship value, populated (`{ id }`) or not (the id itself); null otherwise. */
export const idOf = (value: unknown): null | string => {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && 'id' in value) return String(value.id)
  return null
}
