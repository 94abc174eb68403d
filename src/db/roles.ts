import pg from 'pg'

/**
 * The two database roles of the backstop:
 * - the owner (DATABASE_MIGRATE_URL) owns the tables and runs migrations;
 * - the runtime role (DATABASE_URL) serves requests: it owns nothing and has neither SUPERUSER
 *   nor BYPASSRLS, so the row-level-security policies always apply to it.
 * The embedded database creates the runtime role itself (ensureRuntimeRole); for an external
 * database both roles are the operator's, and migrations grant the runtime role its privileges.
 */
export const RUNTIME_ROLE = 'emerkater_app'

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`

/** The role a connection URL signs in as. */
export const roleOf = (url: string): string => decodeURIComponent(new URL(url).username)

/** `url` signed in as another role. */
export function withRole(url: string, role: string, password: string): string {
  const next = new URL(url)
  next.username = encodeURIComponent(role)
  next.password = encodeURIComponent(password)
  return next.toString()
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * Create (or re-password) the runtime role as the owner, who must be allowed to create roles
 * (the embedded server's superuser is). Returns the runtime role's connection URL.
 */
export async function ensureRuntimeRole(ownerUrl: string, password: string, role = RUNTIME_ROLE): Promise<string> {
  await withClient(ownerUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role])
    const verb = rowCount ? 'ALTER' : 'CREATE'
    await client.query(
      `${verb} ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${client.escapeLiteral(password)}`,
    )
  })
  return withRole(ownerUrl, role, password)
}

/** Tables the runtime role may only read and append to (their rows are never changed). */
export const APPEND_ONLY_TABLES = ['audit_logs'] as const

/**
 * Statements (run by the owner after migrating) that let the runtime role read and write every
 * table — rows only, never DDL or TRUNCATE — including tables later migrations create; the
 * append-only tables (the audit log) it may only read and insert into.
 */
export const grantStatements = (role: string): string[] => {
  const r = quoteIdent(role)
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${r}`,
    ...APPEND_ONLY_TABLES.map(
      (table) => `DO $$ BEGIN IF to_regclass('public.${table}') IS NOT NULL THEN REVOKE UPDATE, DELETE ON public.${table} FROM ${r}; END IF; END $$`,
    ),
  ]
}

/** Why the connected role would not be held by row-level security; empty when it is. */
export const BACKSTOP_CHECK_SQL = `
  select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
    (select count(*) from pg_class c where c.relrowsecurity and c.relowner = r.oid)::int as owned_protected,
    (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relrowsecurity and c.relforcerowsecurity)::int as protected
  from pg_roles r where r.rolname = current_user`

type BackstopRow = { role: string; superuser: boolean; bypassrls: boolean; owned_protected: number; protected: number }

export function backstopProblems(row: BackstopRow): string[] {
  const problems: string[] = []
  if (row.protected === 0) problems.push('no table has row-level security (the row_level_security migration has not run)')
  if (row.superuser) problems.push(`role "${row.role}" is a superuser, which row-level security never applies to`)
  if (row.bypassrls) problems.push(`role "${row.role}" has BYPASSRLS`)
  if (row.owned_protected > 0) problems.push(`role "${row.role}" owns the tables, so it could turn row-level security off`)
  return problems
}

/** The backstop's state for the role `query` runs as. */
export async function checkBackstop(query: (text: string) => Promise<{ rows: unknown[] }>): Promise<string[]> {
  const { rows } = await query(BACKSTOP_CHECK_SQL)
  return backstopProblems(rows[0] as BackstopRow)
}
