import type pg from 'pg'
import { describe, expect, it } from 'vitest'

import { ownerPool } from './helpers/payload'

/**
 * Tables that hold a tenant column but are deliberately not under row-level security, and why.
 * Anything else with a tenant column — or hanging from such a table through `_parent_id` /
 * `parent_id` (arrays, relationships, versions) — must be protected. None today: memberships
 * are protected too (identity below), and sign-in reads them as the platform role.
 */
const EXEMPT: Record<string, string> = {}

/**
 * The identity layer (issue #13): tables without a tenant column that must be protected anyway,
 * each with what its policy must read. Their sub-tables (users_roles, users_sessions,
 * tenants_domains, …) are found through them and must follow them.
 */
const IDENTITY: Record<string, RegExp[]> = {
  users: [/app\.user_id/, /FROM users_tenants m/, /app\.tenant_ids/],
  users_tenants: [/app\.tenant_ids/, /_parent_id = .*app\.user_id/s],
  tenants: [/app\.tenant_ids/, /FROM users_tenants m/, /app\.user_id/],
  payload_preferences: [/app_preference_owner\(id\)/, /app\.user_id/],
  payload_preferences_rels: [/users_id = .*app\.user_id/s],
}

/** Every table that must be protected, found from the catalog (not from the migration's own list). */
const TENANT_TABLES_SQL = `
  with recursive owned(oid, via, parent) as (
    select c.oid, a.attname::text, null::text
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname in ('tenant_id', 'version_tenant_id') and not a.attisdropped
    where c.relkind in ('r', 'p') and n.nspname = 'public' and not (c.relname = any ($1::text[])) and not (c.relname = any ($2::text[]))
    union
    select c.oid, 'identity', null::text
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = 'public' and c.relname = any ($2::text[])
    union
    select con.conrelid, a.attname::text, con.confrelid::regclass::text
    from pg_constraint con join owned o on con.confrelid = o.oid
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
    where con.contype = 'f' and a.attname in ('_parent_id', 'parent_id')
  )
  select c.relname as table, o.via as column, o.parent, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
    (select string_agg(pg_get_expr(p.polqual, p.polrelid) || ' | ' || pg_get_expr(p.polwithcheck, p.polrelid), ' ; ')
       from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation' and p.polcmd = '*') as policy,
    exists (select from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
            where i.indrelid = c.oid and a.attname = o.via) as indexed
  from owned o join pg_class c on c.oid = o.oid
  order by 1`

type Row = { table: string; column: string; parent: null | string; enabled: boolean; forced: boolean; policy: null | string; indexed: boolean }

/** What is wrong with each tenant table, as one line each; empty when all are protected. */
async function problems(client: Pick<pg.Pool, 'query'>): Promise<{ tables: string[]; problems: string[] }> {
  const { rows } = await client.query<Row>(TENANT_TABLES_SQL, [Object.keys(EXEMPT), Object.keys(IDENTITY)])
  const found: string[] = []
  for (const row of rows) {
    // A tenant table is filtered by its (indexed) tenant column; a sub-table by the existence of
    // its parent row — looked up by primary key, under the parent's own policy; an identity
    // table by what IDENTITY says.
    const filters = IDENTITY[row.table] ?? [row.parent ? new RegExp(`EXISTS \\(.*FROM ${row.parent} p\\s+WHERE \\(p\\.id = ${row.table}\\.${row.column}\\)`, 's') : /app\.tenant_ids/]
    const missing = [
      !row.enabled && 'RLS not enabled',
      !row.forced && 'RLS not forced',
      !row.policy && 'no tenant_isolation policy for all commands',
      row.policy && filters.some((f) => !f.test(row.policy!)) && (IDENTITY[row.table] ? 'policy does not follow the identity rule' : row.parent ? `policy does not follow ${row.parent}` : 'policy does not read app.tenant_ids'),
      // The bypass counts only for a listed platform role: the request role can switch it on in vain.
      row.policy && !(/app\.bypass_rls/.test(row.policy) && /FROM app_platform_roles r/.test(row.policy)) && 'policy bypass is not limited to platform roles',
      !row.parent && row.column !== 'identity' && !row.indexed && `no index starting with ${row.column}`,
    ].filter(Boolean)
    if (missing.length > 0) found.push(`${row.table}: ${missing.join(', ')}`)
  }
  return { tables: rows.map((r) => r.table), problems: found }
}

describe('row-level security covers every tenant table', () => {
  it('every table with a tenant column, and every sub-table of one, is enabled, forced, has the policy and an index', async () => {
    const { tables, problems: found } = await problems(ownerPool())
    expect(found, 'end the migration that adds these tables with `select app_rls_protect_all()`').toEqual([])
    // The discovery itself works: arrays and relationship tables are found through their parent.
    expect(tables).toEqual(expect.arrayContaining(['products', 'products_rels', 'orders', 'orders_items', 'customers_addresses', 'api_keys_scopes', 'media', 'invitations']))
    // And so is the identity layer: accounts, memberships, sessions, the registry, preferences.
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'users_tenants', 'users_roles', 'users_sessions', 'tenants', 'tenants_domains', 'tenants_quota_overrides', 'payload_preferences', 'payload_preferences_rels']),
    )
  })

  it('the exemptions and identity tables still exist (a stale name would hide nothing, but should be removed)', async () => {
    const names = [...Object.keys(EXEMPT), ...Object.keys(IDENTITY)]
    const { rows } = await ownerPool().query(`select relname from pg_class where relname = any ($1::text[]) and relkind = 'r'`, [names])
    expect(rows.map((r) => r.relname).sort()).toEqual(names.sort())
  })

  it('there is no document-lock table (locking is off, so no table points at every tenant)', async () => {
    const { rows } = await ownerPool().query(`select relname from pg_class where relname like 'payload_locked_documents%'`)
    expect(rows).toEqual([])
  })

  it('notices a new tenant table that ships without a policy, and app_rls_protect_all() fixes it', async () => {
    const client = await ownerPool().connect()
    try {
      await client.query('begin')
      await client.query('create table rls_probe (id uuid primary key, tenant_id uuid references tenants(id))')
      await client.query('create index on rls_probe (tenant_id)')
      await client.query('create table rls_probe_items (id serial primary key, _parent_id uuid not null references rls_probe(id))')
      await client.query('create index on rls_probe_items (_parent_id)')
      const before = await problems(client)
      expect(before.problems).toEqual([
        'rls_probe: RLS not enabled, RLS not forced, no tenant_isolation policy for all commands',
        'rls_probe_items: RLS not enabled, RLS not forced, no tenant_isolation policy for all commands',
      ])
      await client.query('select app_rls_protect_all()')
      expect((await problems(client)).problems).toEqual([])
    } finally {
      await client.query('rollback')
      client.release()
    }
  })
})
