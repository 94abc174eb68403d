import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The database backstop (issue #4): row-level security, enabled and FORCE'd, on every table that
 * holds tenant-owned rows. Written by hand: Payload does not generate policies.
 *
 * Two functions stay in the database for later migrations:
 * - app_rls_protect(table): enable + force RLS and (re)create its `tenant_isolation` policy —
 *   `tenant_id` (or a version's `version_tenant_id`) must be in the context's tenant set; a
 *   sub-table of arrays, relationships or versions follows its parent row (`_parent_id` /
 *   `parent_id`), whose own policy then applies;
 * - app_rls_protect_all(): app_rls_protect on every table with a tenant column and every table
 *   hanging from one, except the memberships (`users_tenants`: they are what the tenant set is
 *   made from, read while signing in, before any tenant is known).
 * A migration that adds tenant-owned tables ends with `select app_rls_protect_all()`;
 * tests/int/rls-coverage.test.ts fails until it does.
 *
 * The policies read two settings once per statement (an InitPlan, not a call per row), which
 * src/db/rls sets on every connection checkout and in every transaction:
 *   app.tenant_ids  uuid[] literal — the tenants whose rows are visible and writable
 *   app.bypass_rls  'on' for the super-admin and system work, else 'off'
 * Neither set (a connection nobody prepared) means no tenant: no rows, writes rejected.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(`
CREATE OR REPLACE FUNCTION app_rls_protect(tbl regclass) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  bypass constant text := $$(select current_setting('app.bypass_rls', true)) = 'on'$$;
  -- The outer cast makes ANY() take the array as one value; without it, ANY ((select …)) is read
  -- as "any row of this subquery".
  tenants constant text := $$(select nullif(current_setting('app.tenant_ids', true), '')::uuid[])::uuid[]$$;
  predicate text;
  parent regclass;
  parent_column name;
BEGIN
  IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = tbl AND attname = 'tenant_id' AND NOT attisdropped) THEN
    predicate := format('tenant_id = any (%s)', tenants);
  ELSIF EXISTS (SELECT FROM pg_attribute WHERE attrelid = tbl AND attname = 'version_tenant_id' AND NOT attisdropped) THEN
    predicate := format('version_tenant_id = any (%s)', tenants);
  ELSE
    SELECT con.confrelid::regclass, a.attname INTO parent, parent_column
    FROM pg_constraint con
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
    WHERE con.conrelid = tbl AND con.contype = 'f' AND a.attname IN ('_parent_id', 'parent_id')
    LIMIT 1;
    IF parent IS NULL THEN
      RAISE EXCEPTION 'app_rls_protect: % has no tenant column and no parent table', tbl;
    END IF;
    predicate := format('exists (select from %s p where p.id = %s.%I)', parent, tbl, parent_column);
  END IF;
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (%s or %s) WITH CHECK (%s or %s)',
    tbl, bypass, predicate, bypass, predicate);
END
$fn$;

CREATE OR REPLACE FUNCTION app_rls_protect_all() RETURNS SETOF regclass LANGUAGE plpgsql AS $fn$
DECLARE
  tbl regclass;
BEGIN
  FOR tbl IN
    WITH RECURSIVE owned(oid) AS (
      SELECT c.oid
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
        AND c.relname <> 'users_tenants'
        AND EXISTS (SELECT FROM pg_attribute a
                    WHERE a.attrelid = c.oid AND a.attname IN ('tenant_id', 'version_tenant_id') AND NOT a.attisdropped)
      UNION
      SELECT con.conrelid
      FROM pg_constraint con
      JOIN owned o ON con.confrelid = o.oid
      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
      WHERE con.contype = 'f' AND a.attname IN ('_parent_id', 'parent_id')
    )
    SELECT oid::regclass FROM owned ORDER BY 1
  LOOP
    PERFORM app_rls_protect(tbl);
    RETURN NEXT tbl;
  END LOOP;
END
$fn$;

SELECT app_rls_protect_all();
`))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(`
DO $do$
DECLARE
  tbl regclass;
BEGIN
  FOR tbl IN SELECT DISTINCT polrelid::regclass FROM pg_policy WHERE polname = 'tenant_isolation' LOOP
    EXECUTE format('DROP POLICY tenant_isolation ON %s', tbl);
    EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', tbl);
  END LOOP;
END
$do$;
DROP FUNCTION IF EXISTS app_rls_protect_all();
DROP FUNCTION IF EXISTS app_rls_protect(regclass);
`))
}
