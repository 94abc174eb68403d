import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The identity layer under row-level security, and a bypass only the platform role can use
 * (issue #13). Written by hand: Payload does not generate policies.
 *
 * - `app_platform_roles` lists the roles whose `app.bypass_rls = 'on'` counts: the owner (who
 *   runs this migration and owns the SECURITY DEFINER functions) and the platform role, added by
 *   `npm run migrate` (src/db/roles.ts). The request-serving role is never listed, so whatever
 *   SQL it runs, setting the bypass changes nothing for it. Everyone may read the list (it holds
 *   role names only); only the owner may change it.
 * - Every policy's bypass branch becomes "bypass on AND current_user is listed". `current_user`
 *   is the function owner inside SECURITY DEFINER functions, so `meta_store_events()` and
 *   `audit_purge()` keep working for the roles they are granted to.
 * - A third setting, `app.user_id`, names the signed-in person; a fourth, `app.managed_user_ids`,
 *   the accounts a tenant-admin's request was allowed to change (their own rows stay reachable
 *   while that request removes the membership that made them visible). Identity tables:
 *     users_tenants   rows of the context's tenants, plus (read only) the signed-in user's own rows
 *     users           the signed-in user, a managed account, or a user with a membership in a context tenant
 *     users_roles, users_sessions   follow their user
 *     tenants         the context's tenants, plus those the signed-in user belongs to
 *     tenants_*       follow their tenant
 *     payload_preferences(_rels)    the signed-in user's own
 *   Creating a user or a tenant is platform work (an invitation's acceptance, self-signup).
 * - Narrow SECURITY DEFINER lookups for what must be found before any context exists:
 *   `app_resolve_tenant(domain, slug, id)` (host, header) and `app_api_key_tenant(hash)`.
 *   Sign-in runs on the platform role (src/tenancy/db-context.ts).
 * - `audit_purge()` keeps AUDIT_RETENTION_DAYS itself (read from `app_settings`, written by
 *   `npm run migrate`), whatever cutoff it is given.
 * - EXECUTE on every SECURITY DEFINER function is revoked from PUBLIC; `npm run migrate` grants
 *   each to the roles that need it (src/db/roles.ts, DEFINER_FUNCTIONS).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql.raw(`
CREATE TABLE IF NOT EXISTS app_platform_roles (rolname name PRIMARY KEY);
INSERT INTO app_platform_roles (rolname) VALUES (current_user) ON CONFLICT DO NOTHING;
REVOKE ALL ON app_platform_roles FROM PUBLIC;
GRANT SELECT ON app_platform_roles TO PUBLIC;

CREATE TABLE IF NOT EXISTS app_settings (key text PRIMARY KEY, value text NOT NULL);
REVOKE ALL ON app_settings FROM PUBLIC;
INSERT INTO app_settings (key, value) VALUES ('audit_retention_days', '365') ON CONFLICT DO NOTHING;

CREATE OR REPLACE FUNCTION app_rls_bypass_sql() RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT $p$((select current_setting('app.bypass_rls', true)) = 'on' and (select exists (select from app_platform_roles r where r.rolname = current_user)))$p$
$$;

-- One policy for reads and writes; checked (what a written row must satisfy) defaults to predicate.
CREATE OR REPLACE FUNCTION app_rls_policy(tbl regclass, predicate text, checked text DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  bypass constant text := app_rls_bypass_sql();
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (%s or %s) WITH CHECK (%s or %s)', tbl, bypass, predicate, bypass, coalesce(checked, predicate));
END
$fn$;

CREATE OR REPLACE FUNCTION app_preference_owner(pref uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.bypass_rls = 'on' AS $$
  SELECT users_id FROM payload_preferences_rels WHERE parent_id = pref AND users_id IS NOT NULL LIMIT 1
$$;

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
    predicate := format('users_id = %s', me);
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

-- Every table with a tenant column, the identity roots, and every table hanging from one of them.
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

SELECT app_rls_protect_all();

-- Tenant resolution by custom domain, slug or id, before any context exists: the id only.
CREATE OR REPLACE FUNCTION app_resolve_tenant(by_domain text, by_slug text, by_id uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.bypass_rls = 'on' AS $$
  SELECT t.id FROM tenants t
  WHERE (by_id IS NOT NULL AND t.id = by_id)
     OR (by_slug IS NOT NULL AND t.slug = by_slug)
     OR (by_domain IS NOT NULL AND EXISTS (SELECT FROM tenants_domains d WHERE d._parent_id = t.id AND d.domain = by_domain))
  ORDER BY (t.deleted_at IS NULL) DESC
  LIMIT 1
$$;

-- Which tenant an API key (by its SHA-256) belongs to.
CREATE OR REPLACE FUNCTION app_api_key_tenant(hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.bypass_rls = 'on' AS $$
  SELECT tenant_id FROM api_keys WHERE key_hash = hash LIMIT 1
$$;

CREATE OR REPLACE FUNCTION audit_purge(cutoff timestamptz, batch integer default 1000) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET app.bypass_rls = 'on' AS $$
DECLARE
  deleted integer;
  keep_days integer := greatest(1, coalesce((SELECT value::integer FROM app_settings WHERE key = 'audit_retention_days'), 365));
BEGIN
  IF cutoff > now() - make_interval(days => keep_days) THEN
    RAISE EXCEPTION 'audit_purge: entries of the last % days are kept (cutoff %)', keep_days, cutoff USING ERRCODE = '22023';
  END IF;
  DELETE FROM audit_logs WHERE id IN (SELECT id FROM audit_logs WHERE created_at < cutoff ORDER BY created_at LIMIT batch);
  GET DIAGNOSTICS deleted = row_count;
  RETURN deleted;
END $$;

DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = current_schema() AND p.prosecdef LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
`))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql.raw(`
DO $do$
DECLARE tbl regclass;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['users', 'users_tenants', 'users_roles', 'users_sessions', 'tenants', 'tenants_domains',
    'tenants_trial_warnings', 'tenants_quota_overrides', 'payload_preferences', 'payload_preferences_rels']::regclass[] LOOP
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
    EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', tbl);
  END LOOP;
END
$do$;
DROP FUNCTION IF EXISTS app_resolve_tenant(text, text, uuid);
DROP FUNCTION IF EXISTS app_api_key_tenant(text);
`))
}
