import type { Pool } from 'pg'

import { pgErrorOf } from '../errors/database-errors'

/** One dependency's state, as GET /api/health reports it. */
export type Check = { status: 'ok'; latencyMs: number } | { status: 'down'; message: string }

/** Why a check failed, without the server's address or its own words (the endpoint is public). */
function reasonOf(error: unknown): string {
  const sqlstate = pgErrorOf(error)?.code
  if (sqlstate) return `PostgreSQL refused the check (SQLSTATE ${sqlstate}).`
  const code = (error as { code?: unknown } | null)?.code ?? (error as { errors?: { code?: unknown }[] } | null)?.errors?.[0]?.code
  return typeof code === 'string' ? `PostgreSQL could not be reached (${code}).` : 'PostgreSQL could not be reached.'
}

/** `select 1` on `pool`, answered within the timeout (the load balancer must not hang on us). */
export async function checkDatabase(pool: Pool, timeoutMs = 2_000): Promise<Check> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', message: `PostgreSQL did not answer within ${timeoutMs} ms.` }), timeoutMs)
  })
  const query = pool.query('select 1').then(
    (): Check => ({ status: 'ok', latencyMs: Math.round(performance.now() - started) }),
    (error: unknown): Check => ({ status: 'down', message: reasonOf(error) }),
  )
  try {
    return await Promise.race([query, timeout])
  } finally {
    clearTimeout(timer)
  }
}
