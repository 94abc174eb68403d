import pg from 'pg'

/**
 * The three database roles of the backstop:
 * - the owner (DATABASE_MIGRATE_URL) owns the tables and runs migrations;
 * - the request role (DATABASE_URL) serves requests: it owns nothing, has neither SUPERUSER nor
 *   BYPASSRLS, and is not a platform role, so the policies always apply to it — setting
 *   `app.bypass_rls` changes nothing for it;
 * - the platform role (DATABASE_PLATFORM_URL) does the platform's work across tenants (jobs,
 *   super-admin requests, sign-in): like the request role it owns nothing, but it is listed in
 *   `app_platform_roles`, so its `app.bypass_rls = 'on'` counts. Its own pool (src/db/rls/pool.ts).
 * The embedded database creates both login roles itself (ensureRuntimeRole); for an external
 * database all three are the operator's, and `npm run migrate` grants and lists them.
 */
export const RUNTIME_ROLE = 'emerkater_app'
export const PLATFORM_ROLE = 'emerkater_platform'

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
 * Create (or re-password) a login role without privileges (the runtime or the platform role) as the owner, who must be allowed to create roles
 * (the embedded server's superuser is). Returns the runtime role's connection URL.
 */
export async function ensureRuntimeRole(ownerUrl: string, password: string, role = RUNTIME_ROLE): Promise<string> {
  await withClient(ownerUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role])
    const verb = rowCount ? 'ALTER' : 'CREATE'
    await client.query(`${verb} ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${client.escapeLiteral(password)}`)
  })
  return withRole(ownerUrl, role, password)
}

/** Tables the runtime role may only read and append to (their rows are never changed). */
export const APPEND_ONLY_TABLES = ['audit_logs'] as const

/** Tables only the owner writes (who may bypass, retention settings); the app roles read or not at all. */
export const OWNER_ONLY_TABLES = ['app_platform_roles', 'app_settings'] as const

/**
 * The SECURITY DEFINER functions (EXECUTE revoked from PUBLIC by the identity migration) and
 * which login roles may call them. Policies call app_preference_owner as the querying role.
 */
export const DEFINER_FUNCTIONS: Record<string, readonly ('runtime' | 'platform')[]> = {
  meta_store_events: ['runtime', 'platform'],
  meta_channel_taken: ['runtime', 'platform'],
  courier_webhook_account: ['runtime', 'platform'],
  billing_customer_tenant: ['runtime', 'platform'],
  dashboards_platform_totals: ['runtime', 'platform'],
  dashboards_platform_tenants: ['runtime', 'platform'],
  dashboards_platform_weeks: ['platform'],
  dashboards_platform_mrr: ['platform'],
  dashboards_platform_busiest: ['platform'],
  dashboards_platform_failing: ['platform'],
  audit_purge: ['platform'],
  app_resolve_tenant: ['runtime', 'platform'],
  app_api_key_tenant: ['runtime', 'platform'],
  app_preference_owner: ['runtime', 'platform'],
}

/** EXECUTE on each SECURITY DEFINER function of DEFINER_FUNCTIONS, for the role of `kind`. */
const definerGrants = (role: string, kind: 'runtime' | 'platform'): string[] =>
  Object.entries(DEFINER_FUNCTIONS)
    .filter(([, kinds]) => kinds.includes(kind))
    .map(
      ([name]) => `DO $$ DECLARE f regprocedure; BEGIN
        FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = current_schema() AND p.proname = '${name}' LOOP
          EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, '${role.replaceAll("'", "''")}');
        END LOOP; END $$`,
    )

/**
 * Statements (run by the owner after migrating) for the platform role: rows of every table like
 * the runtime role, listed in app_platform_roles so its bypass counts. Also unlists `runtime`,
 * which must never be there.
 */
export const platformGrantStatements = (platform: string, runtime: string | undefined): string[] => [
  ...grantStatements(platform, 'platform'),
  `DO $$ BEGIN IF to_regclass('public.app_platform_roles') IS NOT NULL THEN
     INSERT INTO app_platform_roles (rolname) VALUES ('${platform.replaceAll("'", "''")}') ON CONFLICT DO NOTHING;
     ${runtime ? `DELETE FROM app_platform_roles WHERE rolname = '${runtime.replaceAll("'", "''")}';` : ''}
   END IF; END $$`,
]

/** AUDIT_RETENTION_DAYS for audit_purge(), which enforces it itself. */
export const settingsStatements = (auditRetentionDays: number): string[] => [
  `DO $$ BEGIN IF to_regclass('public.app_settings') IS NOT NULL THEN
     INSERT INTO app_settings (key, value) VALUES ('audit_retention_days', '${Math.max(1, Math.floor(auditRetentionDays))}')
     ON CONFLICT (key) DO UPDATE SET value = excluded.value;
   END IF; END $$`,
]

/**
 * Statements (run by the owner after migrating) that let an app role read and write every
 * table — rows only, never DDL or TRUNCATE — including tables later migrations create; the
 * append-only tables (the audit log) it may only read and insert into; the owner's tables not at all.
 */
export const grantStatements = (role: string, kind: 'runtime' | 'platform' = 'runtime'): string[] => {
  const r = quoteIdent(role)
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${r}`,
    ...APPEND_ONLY_TABLES.map((table) => `DO $$ BEGIN IF to_regclass('public.${table}') IS NOT NULL THEN REVOKE UPDATE, DELETE ON public.${table} FROM ${r}; END IF; END $$`),
    ...OWNER_ONLY_TABLES.map((table) => `DO $$ BEGIN IF to_regclass('public.${table}') IS NOT NULL THEN REVOKE INSERT, UPDATE, DELETE ON public.${table} FROM ${r}; END IF; END $$`),
    `DO $$ BEGIN IF to_regclass('public.app_settings') IS NOT NULL THEN REVOKE SELECT ON public.app_settings FROM ${r}; END IF; END $$`,
    ...definerGrants(role, kind),
  ]
}

/** Why the connected role would not be held by row-level security; empty when it is. */
export const BACKSTOP_CHECK_SQL = `
  select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
    (select count(*) from pg_class c where c.relrowsecurity and c.relowner = r.oid)::int as owned_protected,
    (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relrowsecurity and c.relforcerowsecurity)::int as protected
  from pg_roles r where r.rolname = current_user`

type BackstopRow = { role: string; superuser: boolean; bypassrls: boolean; owned_protected: number; protected: number; platform?: boolean }

export function backstopProblems(row: BackstopRow): string[] {
  const problems: string[] = []
  if (row.protected === 0) problems.push('no table has row-level security (the row_level_security migration has not run)')
  if (row.superuser) problems.push(`role "${row.role}" is a superuser, which row-level security never applies to`)
  if (row.bypassrls) problems.push(`role "${row.role}" has BYPASSRLS`)
  if (row.owned_protected > 0) problems.push(`role "${row.role}" owns the tables, so it could turn row-level security off`)
  if (row.platform) problems.push(`role "${row.role}" is a platform role (app_platform_roles), so it can switch the bypass on`)
  return problems
}

/** The backstop's state for the role `query` runs as. */
export async function checkBackstop(query: (text: string) => Promise<{ rows: unknown[] }>): Promise<string[]> {
  const { rows } = await query(BACKSTOP_CHECK_SQL)
  const listed = await query(`select to_regclass('public.app_platform_roles') is not null as present`)
  const platform = (listed.rows[0] as { present: boolean }).present
    ? ((await query(`select exists (select from app_platform_roles where rolname = current_user) as platform`)).rows[0] as { platform: boolean }).platform
    : false
  return backstopProblems({ ...(rows[0] as BackstopRow), platform })
}
