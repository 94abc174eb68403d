import type pg from 'pg'

/**
 * Tables whose rows a refused request may legitimately add, and what of them is still compared:
 *
 * - `rate_limits`: every request counts against its client's limits (src/ratelimit/store.ts),
 *   refused or not — that is what a limit is. Not compared.
 * - `audit_logs`: three kinds of entry are written for requests that change nothing, on a
 *   request of their own: `login-failed` (a refused sign-in is exactly what the log is for,
 *   collections/Users/hooks/auditLogin.ts), `rate-limited` (the first refusal of a window,
 *   src/ratelimit/audit-refusal.ts) and `read-across-tenants` (each super-admin read, written
 *   after it, src/audit/bypass-audit.ts). Also the update entry of a shop's mail settings that
 *   touches only the last test's outcome (`lastTestError`, `lastTestedAt`, `verifiedAt`): a test
 *   email the shop's SMTP server refused is answered 422 and records that answer on purpose, on
 *   a connection of its own (plugins/branding/email/test-endpoint.ts). Every other entry is
 *   compared: a refused request's create/update/delete entry would mean it changed something.
 *
 * `users_sessions` is compared: the callers sign in before the first count, and no generated
 * sign-in can succeed (never a real account's email).
 */
const NOT_COMPARED = new Set(['rate_limits'])
const AUDIT_OF_REFUSALS = ['login-failed', 'rate-limited', 'read-across-tenants']
const MAIL_TEST_OUTCOME = `not (collection = 'mail-settings' and action = 'update' and changes is not null
  and not exists (select from jsonb_object_keys(changes) k where k not in ('lastTestError', 'lastTestedAt', 'verifiedAt', 'updatedAt')))`

export type Counts = Record<string, number>

/** One query counting every table of the public schema (as the owner, who sees every row). */
export async function countQuery(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`)
  const parts = rows
    .filter((r) => !NOT_COMPARED.has(r.name))
    .map((r) => {
      const table = `public."${r.name.replace(/"/g, '""')}"`
      const filter = r.name === 'audit_logs' ? ` where action::text <> all('{${AUDIT_OF_REFUSALS.join(',')}}'::text[]) and ${MAIL_TEST_OUTCOME}` : ''
      return `select '${r.name}' as name, count(*)::int as n from ${table}${filter}`
    })
  return parts.join('\nunion all ')
}

export async function rowCounts(pool: pg.Pool, query: string): Promise<Counts> {
  // A named statement: parsed and planned once per connection, not at every request.
  const { rows } = await pool.query<{ name: string; n: number }>({ name: 'fuzz-row-counts', text: query })
  return Object.fromEntries(rows.map((r) => [r.name, r.n]))
}

/** Tables whose count changed, as `table: before → after`. */
export function changed(before: Counts, after: Counts): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t] ?? 0} → ${after[t] ?? 0}`)
}
