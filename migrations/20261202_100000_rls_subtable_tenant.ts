import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Sub-tables carry their parent's tenant (issue 15, "Computed once, fetched once"). Written by
 * hand: Payload's schema does not know these columns and never writes them.
 *
 * Until now a sub-table of a tenant-owned table (arrays, blocks, `_rels`, hasMany selects, and
 * their nested and versioned kin) followed its parent through `exists (select from parent …)`,
 * one lookup per row read (`bench/rls` measured it as most of the policy cost). Now each gets:
 * - a `tenant_id uuid` column, backfilled, NOT NULL when its parent column and the parent's
 *   tenant column are, and an index starting with it, `(tenant_id, <parent column>)`;
 * - a BEFORE INSERT OR UPDATE OF <parent column>, tenant_id trigger, `app_tenant_from_parent`,
 *   that always overwrites NEW.tenant_id with the parent row's tenant: a supplied value is
 *   never trusted. It runs as the caller (not SECURITY DEFINER), so it reads the parent under
 *   the parent's own policy: a parent invisible in the context gives NULL, and the row is
 *   rejected (NOT NULL or the policy's WITH CHECK) rather than attached to another tenant;
 * - on the parent, an AFTER UPDATE trigger, `app_tenant_to_children`, that re-derives the
 *   children when the parent's tenant really changes (only platform work can: tenant is
 *   immutable for everyone else), so child and parent never disagree;
 * - the direct policy, `tenant_id = any (tenant set)`, with the same platform bypass.
 * The identity layer is untouched: users_tenants keeps its rule, and the sub-tables of users,
 * tenants and payload_preferences still follow them by `exists` (their parents have no tenant).
 *
 * app_rls_protect(tbl) does all of it for a sub-table, idempotently (a table that already has
 * the trigger is not backfilled again), and app_rls_protect_all() finds the same tables as
 * before, so a later migration's `select app_rls_protect_all()` covers new sub-tables too.
 * Payload's migrate:create diffs the committed JSON snapshots, not the database, so it never
 * sees these columns as drift.
 */
const upSql = () => `
CREATE OR REPLACE FUNCTION app_tenant_from_parent() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  parent_tenant uuid;
BEGIN
  -- TG_ARGV: the parent table (qualified), this table's column naming the parent row, the parent's tenant column.
  EXECUTE format('SELECT p.%I FROM %s p WHERE p.id = ($1).%I', TG_ARGV[2], TG_ARGV[0], TG_ARGV[1]) INTO parent_tenant USING NEW;
  NEW.tenant_id := parent_tenant;
  RETURN NEW;
END
$fn$;

CREATE OR REPLACE FUNCTION app_tenant_to_children() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  child regclass;
  child_column name;
BEGIN
  FOR child, child_column IN
    SELECT con.conrelid::regclass, a.attname FROM pg_constraint con
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
    WHERE con.confrelid = TG_RELID AND con.contype = 'f' AND a.attname IN ('_parent_id', 'parent_id')
      AND EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = con.conrelid AND t.tgname = 'app_tenant_from_parent')
  LOOP
    -- TG_ARGV[0]: this table's tenant column. The child's own trigger re-reads it from this (updated) row.
    EXECUTE format('UPDATE %s SET tenant_id = ($1).%I WHERE %I = ($1).id', child, TG_ARGV[0], child_column) USING NEW;
  END LOOP;
  RETURN NULL;
END
$fn$;

-- Where a sub-table takes its tenant from: its _parent_id/parent_id table, when that one, or an
-- ancestor, is a tenant-owned table outside the identity layer. NULL for every other table.
CREATE OR REPLACE FUNCTION app_rls_tenant_source(tbl regclass, OUT parent regclass, OUT parent_column name, OUT parent_tenant name)
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  identity constant name[] := ARRAY['users', 'users_tenants', 'tenants', 'payload_preferences', 'payload_preferences_rels'];
  cur regclass := tbl;
  up regclass;
  up_column name;
  has_tenant boolean;
  has_version_tenant boolean;
BEGIN
  IF (SELECT relname FROM pg_class WHERE oid = tbl) = ANY (identity)
     OR EXISTS (SELECT FROM pg_attribute WHERE attrelid = tbl AND attname = 'version_tenant_id' AND NOT attisdropped)
     OR (EXISTS (SELECT FROM pg_attribute WHERE attrelid = tbl AND attname = 'tenant_id' AND NOT attisdropped)
         AND NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = tbl AND tgname = 'app_tenant_from_parent')) THEN
    RETURN; -- a tenant table of its own, or identity
  END IF;
  FOR depth IN 1..16 LOOP
    up := NULL;
    SELECT con.confrelid::regclass, a.attname INTO up, up_column
    FROM pg_constraint con
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
    WHERE con.conrelid = cur AND con.contype = 'f' AND a.attname IN ('_parent_id', 'parent_id')
    ORDER BY a.attname LIMIT 1;
    IF up IS NULL OR up = cur OR (SELECT relname FROM pg_class WHERE oid = up) = ANY (identity) THEN
      parent := NULL; parent_column := NULL; parent_tenant := NULL;
      RETURN;
    END IF;
    has_tenant := EXISTS (SELECT FROM pg_attribute WHERE attrelid = up AND attname = 'tenant_id' AND NOT attisdropped);
    has_version_tenant := EXISTS (SELECT FROM pg_attribute WHERE attrelid = up AND attname = 'version_tenant_id' AND NOT attisdropped);
    IF depth = 1 THEN
      parent := up;
      parent_column := up_column;
      parent_tenant := CASE WHEN has_version_tenant AND NOT has_tenant THEN 'version_tenant_id' ELSE 'tenant_id' END;
    END IF;
    IF has_tenant OR has_version_tenant THEN
      RETURN;
    END IF;
    cur := up; -- the parent is a sub-table too: it takes its tenant from further up
  END LOOP;
  parent := NULL; parent_column := NULL; parent_tenant := NULL;
END
$fn$;

-- Give a sub-table its tenant column, kept by trigger (see the migration's comment). False when
-- tbl is not such a sub-table. The bypass is for the backfill when the owner is held by RLS.
CREATE OR REPLACE FUNCTION app_rls_inherit_tenant(tbl regclass) RETURNS boolean
LANGUAGE plpgsql SET app.bypass_rls = 'on' AS $fn$
DECLARE
  src record;
  qualified text;
  fresh boolean;
BEGIN
  src := app_rls_tenant_source(tbl);
  IF src.parent IS NULL THEN
    RETURN false;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = src.parent AND attname = src.parent_tenant AND NOT attisdropped) THEN
    PERFORM app_rls_inherit_tenant(src.parent); -- nested: the parent gets its column first
  END IF;
  SELECT format('%I.%I', n.nspname, c.relname) INTO qualified FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = src.parent;
  fresh := NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = tbl AND tgname = 'app_tenant_from_parent');
  EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS tenant_id uuid', tbl);
  IF fresh THEN
    EXECUTE format('UPDATE %s c SET tenant_id = p.%I FROM %s p WHERE p.id = c.%I', tbl, src.parent_tenant, src.parent, src.parent_column);
    IF (SELECT attnotnull FROM pg_attribute WHERE attrelid = tbl AND attname = src.parent_column)
       AND (SELECT attnotnull FROM pg_attribute WHERE attrelid = src.parent AND attname = src.parent_tenant) THEN
      EXECUTE format('ALTER TABLE %s ALTER COLUMN tenant_id SET NOT NULL', tbl);
    END IF;
    EXECUTE format('COMMENT ON COLUMN %s.tenant_id IS %L', tbl,
      format('The tenant of the %s row, set by the trigger app_tenant_from_parent (migrations/20261202_100000_rls_subtable_tenant.ts)', src.parent));
  END IF;
  EXECUTE format('DROP TRIGGER IF EXISTS app_tenant_from_parent ON %s', tbl);
  EXECUTE format('CREATE TRIGGER app_tenant_from_parent BEFORE INSERT OR UPDATE OF %I, tenant_id ON %s FOR EACH ROW EXECUTE FUNCTION app_tenant_from_parent(%L, %L, %L)',
    src.parent_column, tbl, qualified, src.parent_column, src.parent_tenant);
  EXECUTE format('DROP TRIGGER IF EXISTS app_tenant_to_children ON %s', src.parent);
  EXECUTE format('CREATE TRIGGER app_tenant_to_children AFTER UPDATE OF %1$I ON %2$s FOR EACH ROW WHEN (OLD.%1$I IS DISTINCT FROM NEW.%1$I) EXECUTE FUNCTION app_tenant_to_children(%1$L)',
    src.parent_tenant, src.parent);
  IF NOT EXISTS (SELECT FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                 WHERE i.indrelid = tbl AND a.attname = 'tenant_id') THEN
    EXECUTE format('CREATE INDEX ON %s (tenant_id, %I)', tbl, src.parent_column);
  END IF;
  RETURN true;
END
$fn$;
${protectFunction({ subTables: true })}
${PROTECT_ALL}
SELECT app_rls_protect_all();
`

/** app_rls_protect as the identity migration left it, with (subTables) the sub-table branch. */
function protectFunction({ subTables }: { subTables: boolean }): string {
  return `
CREATE OR REPLACE FUNCTION app_rls_protect(tbl regclass) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  -- The outer cast makes ANY() take the array as one value.
  tenants constant text := $$(select nullif(current_setting('app.tenant_ids', true), '')::uuid[])::uuid[]$$;
  me constant text := $$(select nullif(current_setting('app.user_id', true), '')::uuid)$$;
  managed constant text := $$(select coalesce(nullif(current_setting('app.managed_user_ids', true), ''), '{}')::uuid[])::uuid[]$$;
  predicate text;
  checked text;
  parent regclass;
  parent_column name;
BEGIN
  IF tbl = 'users_tenants'::regclass THEN
    -- You see your own memberships everywhere, but write only those of the context's tenants:
    -- nobody makes themselves a member of another tenant.
    predicate := format('tenant_id = any (%s) or _parent_id = %s', tenants, me);
    checked := format('tenant_id = any (%s)', tenants);
  ELSIF tbl = 'users'::regclass THEN
    predicate := format('id = %s or id = any (%s) or exists (select from users_tenants m where m._parent_id = users.id and m.tenant_id = any (%s))', me, managed, tenants);
  ELSIF tbl = 'tenants'::regclass THEN
    predicate := format('id = any (%s) or exists (select from users_tenants m where m.tenant_id = tenants.id and m._parent_id = %s)', tenants, me);
  ELSIF tbl = 'payload_preferences'::regclass THEN
    -- A preference is its user's; one being created has no user yet (rels follow in the same transaction).
    predicate := format('coalesce(app_preference_owner(id), %1$s) = %1$s', me);
  ELSIF tbl = 'payload_preferences_rels'::regclass THEN
    predicate := format('users_id = %s', me);${subTables ? `
  ELSIF app_rls_inherit_tenant(tbl) THEN
    -- A sub-table of a tenant-owned table: its own copy of the parent's tenant, kept by trigger.
    predicate := format('tenant_id = any (%s)', tenants);` : ''}
  ELSIF EXISTS (SELECT FROM pg_attribute WHERE attrelid = tbl AND attname = 'tenant_id' AND NOT attisdropped) THEN
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
  PERFORM app_rls_policy(tbl, predicate, checked);
END
$fn$;
`
}

// Unchanged from the identity migration: the same tables are found (a sub-table given a tenant
// column is found both ways; app_rls_protect gives its parent the column first, whatever the order).
const PROTECT_ALL = `
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
        AND (c.relname IN ('users', 'users_tenants', 'tenants', 'payload_preferences', 'payload_preferences_rels')
          OR EXISTS (SELECT FROM pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attname IN ('tenant_id', 'version_tenant_id') AND NOT a.attisdropped))
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
`

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(upSql()))
}

/** Back to `exists` on the parent: the policies first (they read the column), then the columns and triggers. */
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(`
DO $do$
DECLARE
  tbl regclass;
BEGIN
  FOR tbl IN SELECT DISTINCT tgrelid::regclass FROM pg_trigger WHERE tgname = 'app_tenant_to_children' LOOP
    EXECUTE format('DROP TRIGGER app_tenant_to_children ON %s', tbl);
  END LOOP;
  FOR tbl IN SELECT DISTINCT tgrelid::regclass FROM pg_trigger WHERE tgname = 'app_tenant_from_parent' LOOP
    EXECUTE format('DROP TRIGGER app_tenant_from_parent ON %s', tbl);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
    EXECUTE format('ALTER TABLE %s DROP COLUMN tenant_id', tbl);
  END LOOP;
END
$do$;
${protectFunction({ subTables: false })}
DROP FUNCTION IF EXISTS app_rls_inherit_tenant(regclass);
DROP FUNCTION IF EXISTS app_rls_tenant_source(regclass);
DROP FUNCTION IF EXISTS app_tenant_to_children();
DROP FUNCTION IF EXISTS app_tenant_from_parent();
SELECT app_rls_protect_all();
`))
}
