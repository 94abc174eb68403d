import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import { describe, expect, it } from 'vitest'

import * as subTableTenant from '../../migrations/20261202_100000_rls_subtable_tenant'
import { IDENTITY_TABLES, PROTECTED_TABLES_SQL as TENANT_TABLES_SQL, type ProtectedTableRow as Row } from '../../src/platform-health/protected-tables'
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

/**
 * The tenant columns Payload itself declares, per table (the latest committed schema snapshot):
 * any other `tenant_id` is the one a sub-table got from the sub-table migration.
 */
const PAYLOAD_TENANT_COLUMNS: Set<string> = (() => {
  const dir = path.resolve(__dirname, '../../migrations')
  const latest = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .at(-1)!
  const snapshot = JSON.parse(readFileSync(path.join(dir, latest), 'utf8')) as { tables: Record<string, { name: string; columns: Record<string, unknown> }> }
  return new Set(
    Object.values(snapshot.tables)
      .filter((t) => 'tenant_id' in t.columns || 'version_tenant_id' in t.columns)
      .map((t) => t.name),
  )
})()

/** The policy without its bypass branch (which looks up app_platform_roles with an EXISTS of its own). */
const withoutBypass = (policy: string) => policy.replace(/EXISTS \(\s*SELECT\s+FROM app_platform_roles r[^)]*\)/g, '')

/**
 * What each table's rule is: an identity table by IDENTITY; a sub-table of the identity layer
 * follows its parent by `exists` on the parent's primary key, under the parent's policy; a
 * sub-table of a tenant-owned table has its own copy of the parent's tenant (`tenant_id`, kept
 * by the `app_tenant_from_parent` trigger) and the direct policy, no lookup per row; a tenant
 * table is filtered by its (indexed) tenant column.
 */
function check(row: Row): string[] {
  const policy = row.policy ?? ''
  const identity = IDENTITY[row.table]
  const subTable = !identity && row.parent !== null && !PAYLOAD_TENANT_COLUMNS.has(row.table)
  const missing = [!row.enabled && 'RLS not enabled', !row.forced && 'RLS not forced', !row.policy && 'no tenant_isolation policy for all commands']
  if (row.policy && identity) missing.push(identity.some((f) => !f.test(policy)) && 'policy does not follow the identity rule')
  else if (row.policy && subTable && row.root === 'identity') {
    const follows = new RegExp(`EXISTS \\(.*FROM ${row.parent} p\\s+WHERE \\(p\\.id = ${row.table}\\.${row.column}\\)`, 's')
    missing.push(!follows.test(policy) && `policy does not follow ${row.parent}`)
  } else if (subTable) {
    const trigger = new RegExp(
      `BEFORE INSERT OR UPDATE OF ${row.column}, tenant_id ON public\\.${row.table} FOR EACH ROW EXECUTE FUNCTION app_tenant_from_parent\\('public\\.${row.parent}', '${row.column}', '(version_)?tenant_id'\\)`,
    )
    missing.push(
      row.tenant_not_null === null && 'no tenant_id column',
      !(row.trigger && trigger.test(row.trigger)) && `no trigger setting tenant_id from ${row.parent}`,
      row.policy !== null && !/\(tenant_id = ANY .*app\.tenant_ids/s.test(policy) && 'policy does not read tenant_id',
      /EXISTS/.test(withoutBypass(policy)) && 'policy looks up a row (EXISTS) instead of reading tenant_id',
      !row.indexed && 'no index starting with tenant_id',
    )
  } else {
    missing.push(row.policy !== null && !/app\.tenant_ids/.test(policy) && 'policy does not read app.tenant_ids', !row.indexed && `no index starting with ${row.column}`)
  }
  // The bypass counts only for a listed platform role: the request role can switch it on in vain.
  missing.push(row.policy !== null && !(/app\.bypass_rls/.test(policy) && /FROM app_platform_roles r/.test(policy)) && 'policy bypass is not limited to platform roles')
  return missing.filter((m): m is string => Boolean(m))
}

/** What is wrong with each tenant table, as one line each; empty when all are protected. */
async function problems(client: Pick<pg.Pool, 'query'>): Promise<{ tables: string[]; subTables: string[]; problems: string[] }> {
  const { rows } = await client.query<Row>(TENANT_TABLES_SQL, [Object.keys(EXEMPT), Object.keys(IDENTITY)])
  // A sub-table that got its tenant column is also found as a tenant table: judge it as the sub-table.
  // A table with a tenant column of Payload's own (a versions table: `version_tenant_id`, also
  // hanging from its document by `parent_id`) is a tenant table: judge it by that column.
  const byTable = new Map<string, Row>()
  for (const row of rows) {
    const own = PAYLOAD_TENANT_COLUMNS.has(row.table)
    if (!byTable.has(row.table) || (own ? row.parent === null : row.parent !== null)) byTable.set(row.table, row)
  }
  const found: string[] = []
  for (const row of byTable.values()) {
    const missing = check(row)
    if (missing.length > 0) found.push(`${row.table}: ${missing.join(', ')}`)
  }
  const subTables = [...byTable.values()].filter((r) => r.parent !== null && r.root === 'tenant' && !IDENTITY[r.table]).map((r) => r.table)
  return { tables: [...byTable.keys()], subTables, problems: found }
}

describe('row-level security covers every tenant table', () => {
  it('every table with a tenant column, and every sub-table of one, is enabled, forced, has the policy and an index; sub-tables read their own tenant_id', async () => {
    const { tables, subTables, problems: found } = await problems(ownerPool())
    expect(found, 'end the migration that adds these tables with `select app_rls_protect_all()`').toEqual([])
    // The discovery itself works: arrays and relationship tables are found through their parent,
    // and those of tenant-owned tables are judged as sub-tables (their own tenant_id, trigger, direct policy).
    expect(tables).toEqual(expect.arrayContaining(['products', 'products_rels', 'orders', 'orders_items', 'customers_addresses', 'api_keys_scopes', 'media', 'invitations']))
    expect(subTables).toEqual(expect.arrayContaining(['products_rels', 'orders_items', 'customers_addresses', 'customers_texts', 'api_keys_scopes', 'automations_days']))
    expect(subTables).not.toEqual(expect.arrayContaining(['users_tenants']))
    // And so is the identity layer: accounts, memberships, sessions, the registry, preferences.
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'users_tenants', 'users_roles', 'users_sessions', 'tenants', 'tenants_domains', 'tenants_quota_overrides', 'payload_preferences', 'payload_preferences_rels']),
    )
  })

  it('the exemptions and identity tables still exist (a stale name would hide nothing, but should be removed)', async () => {
    const names = [...Object.keys(EXEMPT), ...Object.keys(IDENTITY)]
    const { rows } = await ownerPool().query(`select relname from pg_class where relname = any ($1::text[]) and relkind = 'r'`, [names])
    expect(rows.map((r) => r.relname).sort()).toEqual(names.sort())
    // The platform health page (src/platform-health/backstop.ts) checks the same identity tables.
    expect(Object.keys(IDENTITY).sort()).toEqual([...IDENTITY_TABLES].sort())
  })

  it('there is no document-lock table (locking is off, so no table points at every tenant)', async () => {
    const { rows } = await ownerPool().query(`select relname from pg_class where relname like 'payload_locked_documents%'`)
    expect(rows).toEqual([])
  })

  it('notices a new tenant table that ships without a policy, and app_rls_protect_all() fixes it, sub-tables and nested ones included', async () => {
    const client = await ownerPool().connect()
    try {
      await client.query('begin')
      const {
        rows: [shop],
      } = await client.query(`insert into tenants (name, slug, status) values ('Probe', 'rls-probe', 'active') returning id`)
      await client.query('create table rls_probe (id uuid primary key default gen_random_uuid(), tenant_id uuid not null references tenants(id))')
      await client.query('create index on rls_probe (tenant_id)')
      await client.query('create table rls_probe_items (id varchar primary key, _parent_id uuid not null references rls_probe(id) on delete cascade)')
      await client.query('create index on rls_probe_items (_parent_id)')
      // An array inside the array, created before its parent gets its column.
      await client.query('create table rls_probe_items_lines (id serial primary key, _parent_id varchar not null references rls_probe_items(id) on delete cascade)')
      const {
        rows: [probe],
      } = await client.query('insert into rls_probe (tenant_id) values ($1) returning id', [shop.id])
      await client.query(`insert into rls_probe_items (id, _parent_id) values ('i1', $1)`, [probe.id])
      await client.query(`insert into rls_probe_items_lines (_parent_id) values ('i1')`)
      const before = await problems(client)
      expect(before.problems).toEqual([
        'rls_probe: RLS not enabled, RLS not forced, no tenant_isolation policy for all commands',
        'rls_probe_items: RLS not enabled, RLS not forced, no tenant_isolation policy for all commands, no tenant_id column, no trigger setting tenant_id from rls_probe, no index starting with tenant_id',
        'rls_probe_items_lines: RLS not enabled, RLS not forced, no tenant_isolation policy for all commands, no tenant_id column, no trigger setting tenant_id from rls_probe_items, no index starting with tenant_id',
      ])
      // The nested one alone first: its parent gets its column on the way.
      await client.query(`select app_rls_protect('rls_probe_items_lines')`)
      await client.query('select app_rls_protect_all()')
      expect((await problems(client)).problems).toEqual([])
      // The rows that were there got their tenant; NOT NULL like the parent's.
      const { rows } = await client.query(`
        select c.relname, a.attnotnull from pg_attribute a join pg_class c on c.oid = a.attrelid
        where c.relname in ('rls_probe_items', 'rls_probe_items_lines') and a.attname = 'tenant_id' order by 1`)
      expect(rows).toEqual([
        { relname: 'rls_probe_items', attnotnull: true },
        { relname: 'rls_probe_items_lines', attnotnull: true },
      ])
      const tenants = await client.query('select (select tenant_id from rls_probe_items) as items, (select tenant_id from rls_probe_items_lines) as lines')
      expect(tenants.rows).toEqual([{ items: shop.id, lines: shop.id }])
      // Running it again changes nothing.
      await client.query('select app_rls_protect_all()')
      expect((await problems(client)).problems).toEqual([])
    } finally {
      await client.query('rollback')
      client.release()
    }
  })

  it('the sub-table migration goes down to the `exists` policies and up again', async () => {
    const client = await ownerPool().connect()
    // The migration's statements are one sql.raw() each: run their text on this transaction.
    const db = {
      execute: async (query: { queryChunks: { value?: string[] }[] }) => {
        if (!query.queryChunks.every((c) => Array.isArray(c.value))) throw new Error('not a sql.raw() statement')
        await client.query(query.queryChunks.map((c) => c.value!.join('')).join(''))
      },
    } as unknown as Parameters<typeof subTableTenant.down>[0]['db']
    try {
      await client.query('begin')
      await subTableTenant.down({ db } as Parameters<typeof subTableTenant.down>[0])
      const down = await problems(client)
      expect(down.problems.find((p) => p.startsWith('products_rels:'))).toBe(
        'products_rels: no tenant_id column, no trigger setting tenant_id from products, policy does not read tenant_id, policy looks up a row (EXISTS) instead of reading tenant_id, no index starting with tenant_id',
      )
      const { rows } = await client.query(`select pg_get_expr(polqual, polrelid) as policy from pg_policy where polrelid = 'orders_items'::regclass`)
      expect(rows[0].policy).toMatch(/EXISTS \(\s*SELECT\s+FROM orders p\s+WHERE \(p\.id = orders_items\._parent_id\)/)
      expect((await client.query(`select count(*)::int as n from pg_trigger where tgname like 'app_tenant_%'`)).rows[0].n).toBe(0)
      await subTableTenant.up({ db } as Parameters<typeof subTableTenant.up>[0])
      expect((await problems(client)).problems).toEqual([])
    } finally {
      await client.query('rollback')
      client.release()
    }
  })
})
