/**
 * Every table row-level security must hold, found from the catalog (not from the migrations' own
 * list), with the root it hangs from: `identity` (users, tenants, …, named by `$2`) or `tenant`
 * (a tenant column), and sub-tables found through `_parent_id` / `parent_id`; `$1` names tables
 * deliberately left out. With each: enabled, forced, its `tenant_isolation` policy, whether its
 * tenant column leads an index, and the sub-table trigger. Read by the platform health page
 * (backstop.ts) and, in more detail, by tests/int/rls-coverage.test.ts. The catalog is readable
 * by every role, so any pool may run it.
 */
export const PROTECTED_TABLES_SQL = `
  with recursive owned(oid, root, via, parent) as (
    select c.oid, 'tenant', a.attname::text, null::text
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname in ('tenant_id', 'version_tenant_id') and not a.attisdropped
    where c.relkind in ('r', 'p') and n.nspname = 'public' and not (c.relname = any ($1::text[])) and not (c.relname = any ($2::text[]))
    union
    select c.oid, 'identity', 'identity', null::text
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = 'public' and c.relname = any ($2::text[])
    union
    select con.conrelid, o.root, a.attname::text, con.confrelid::regclass::text
    from pg_constraint con join owned o on con.confrelid = o.oid
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
    where con.contype = 'f' and a.attname in ('_parent_id', 'parent_id')
  )
  select c.relname as table, o.root, o.via as column, o.parent, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
    (select string_agg(pg_get_expr(p.polqual, p.polrelid) || ' | ' || pg_get_expr(p.polwithcheck, p.polrelid), ' ; ')
       from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation' and p.polcmd = '*') as policy,
    exists (select from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
            where i.indrelid = c.oid and a.attname = (case when o.parent is null then o.via else 'tenant_id' end)) as indexed,
    (select a.attnotnull from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant_not_null,
    (select string_agg(pg_get_triggerdef(t.oid), ' ; ') from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'app_tenant_from_parent' and t.tgenabled = 'O') as trigger
  from owned o join pg_class c on c.oid = o.oid
  order by 1, o.parent nulls first`

/** The identity layer: tables without a tenant column that are protected anyway (tests/int/rls-coverage.test.ts checks each policy's rule). */
export const IDENTITY_TABLES = ['users', 'users_tenants', 'tenants', 'payload_preferences', 'payload_preferences_rels'] as const

export type ProtectedTableRow = {
  table: string
  root: 'identity' | 'tenant'
  column: string
  parent: null | string
  enabled: boolean
  forced: boolean
  policy: null | string
  indexed: boolean
  tenant_not_null: boolean | null
  trigger: null | string
}
