import type { Pool } from 'pg'

import { NO_TENANT, runWithDbContext } from '../db/rls/context'
import { checkBackstop, roleOf } from '../db/roles'
import { IDENTITY_TABLES, PROTECTED_TABLES_SQL, type ProtectedTableRow } from './protected-tables'

export type FailingTable = { table: string; problems: string[] }

export type BackstopStatus = {
  status: 'ok' | 'failing'
  /** The three roles, and whether each exists. */
  roles: { owner: null | string; request: null | string; platform: null | string; missing: string[] }
  /** Why the request role would not be held by row-level security (superuser, BYPASSRLS, owner, platform role). */
  requestRole: string[]
  /** How many tables must be protected, and those that are not, with why. */
  tables: number
  failing: FailingTable[]
}

/** The policy's bypass branch counts only for a listed platform role (not for the request role). */
const limitedBypass = (policy: string) => /app\.bypass_rls/.test(policy) && /FROM app_platform_roles r/.test(policy)

/** What is wrong with one protected table, read from the catalog; empty when it is held. */
export function tableProblems(row: Pick<ProtectedTableRow, 'enabled' | 'forced' | 'policy'>): string[] {
  const problems: string[] = []
  if (!row.enabled) problems.push('row-level security not enabled')
  if (!row.forced) problems.push('row-level security not forced (the owner would see every row)')
  if (!row.policy) problems.push('no tenant_isolation policy for all commands')
  else if (!limitedBypass(row.policy)) problems.push('policy bypass is not limited to platform roles')
  return problems
}

type Queryable = Pick<Pool, 'query'>

/** Each protected table once (a sub-table with its own tenant column is found twice). */
async function protectedTables(pool: Queryable): Promise<ProtectedTableRow[]> {
  const { rows } = await pool.query<ProtectedTableRow>(PROTECTED_TABLES_SQL, [[], [...IDENTITY_TABLES]])
  return [...new Map(rows.map((row) => [row.table, row])).values()]
}

const urlRole = (url: string | undefined): null | string => {
  try {
    return url ? roleOf(url) : null
  } catch {
    return null
  }
}

/**
 * The database backstop, computed from the catalog now: the roles exist; every tenant-owned
 * (and identity) table has row-level security enabled and forced and its policy; the request
 * role — asked on a connection of its own pool, with no tenant — is neither owner, superuser,
 * BYPASSRLS nor a platform role. `pool` is the app's context pool (src/db/rls/pool.ts).
 */
export async function backstopStatus(pool: Pool, env: NodeJS.ProcessEnv = process.env): Promise<BackstopStatus> {
  const rows = await protectedTables(pool)
  const failing = rows.map((row) => ({ table: row.table, problems: tableProblems(row) })).filter((row) => row.problems.length > 0)
  // No context: the request role's own pool, whatever the caller's (the super-admin's bypass) is.
  const requestRole = await runWithDbContext(NO_TENANT, () => checkBackstop((text) => pool.query(text)))
  const {
    rows: [owner],
  } = await pool.query<{ owner: null | string }>(`select (select r.rolname from pg_class c join pg_roles r on r.oid = c.relowner where c.oid = 'tenants'::regclass) as owner`)
  const roles = { owner: owner?.owner ?? null, request: urlRole(env.DATABASE_URL), platform: urlRole(env.DATABASE_PLATFORM_URL) }
  const named = Object.entries(roles).filter((entry): entry is [string, string] => entry[1] !== null)
  const { rows: found } = await pool.query<{ rolname: string }>('select rolname from pg_roles where rolname = any ($1::text[])', [named.map(([, name]) => name)])
  const existing = new Set(found.map((r) => r.rolname))
  const missing = [
    ...named.filter(([, name]) => !existing.has(name)).map(([kind, name]) => `${kind} role "${name}" does not exist`),
    ...(roles.platform ? [] : ['no platform role (DATABASE_PLATFORM_URL): platform work runs as the owner']),
  ]
  const ok = failing.length === 0 && requestRole.length === 0 && missing.length === 0
  return { status: ok ? 'ok' : 'failing', roles: { ...roles, missing }, requestRole, tables: rows.length, failing }
}
