import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { runSql } from '../../src/db/run-sql'

export { sql }
export type SQL = ReturnType<typeof sql>

/** The SQL table of a collection (Payload's own name map, e.g. `usage-counters` → `usage_counters`). */
export function tableOf(payload: Payload, slug: string): ReturnType<typeof sql.identifier> {
  const map = (payload.db as unknown as { tableNameMap: Map<string, string> }).tableNameMap
  const name = map.get(slug.replace(/-/g, '_')) ?? slug.replace(/-/g, '_')
  return sql.identifier(name)
}

/** First row of a query run in the request's transaction and database context. */
export async function one<T extends Record<string, unknown>>(req: PayloadRequest, query: SQL): Promise<T | undefined> {
  return (await runSql(req, query))[0] as T | undefined
}

export const asNumber = (value: unknown): number => Number(value ?? 0)
