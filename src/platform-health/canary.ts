import { createLocalReq, type Payload } from 'payload'
import type { Pool } from 'pg'

import { CANARY_SLUG } from '../tenancy/canary-slug'
import { runAsSystem, runWithTenant } from '../tenancy/request-context'
import { recordRun, type CheckRun } from './runs'

/**
 * The isolation canary: a tenant nobody uses, with a few rows in tenant tables, that no other
 * tenant's context may ever see. Kept out of the product by construction: its slug is reserved
 * (signup refuses it, src/tenancy/signup.ts), it is `suspended` (so no fan-out job, billing meter,
 * usage alert, storefront or sign-in ever works for it: they take usable tenants only), it has no
 * staff, no plan and no Stripe customer, and no caller's read of the registry — the super-admin's
 * included — returns it (access/tenantsRead.ts), so it is in no list, selector or report made
 * through the API.
 */
export { CANARY_SLUG }

const CANARY_ROWS = {
  products: { name: 'Isolation canary', sku: 'CANARY-1', price: 100, currency: 'BDT', stock: 1, status: 'draft' },
  customers: { name: 'Isolation canary', phone: '+8801700000001' },
  leads: { name: 'Isolation canary', phone: '+8801700000002' },
} as const

type Collection = keyof typeof CANARY_ROWS

/** The canary tenant's id, created with its rows when missing (idempotent: each row is made only if absent). */
export async function ensureCanary(payload: Payload): Promise<string> {
  return runAsSystem('platform health: the isolation canary', async () => {
    const req = await createLocalReq({}, payload)
    const found = await payload.find({ collection: 'tenants', where: { slug: { equals: CANARY_SLUG } }, limit: 1, depth: 0, overrideAccess: true, req, trash: true })
    const tenant =
      found.docs[0] ??
      (await payload.create({
        collection: 'tenants',
        data: { name: 'Platform isolation canary', slug: CANARY_SLUG, status: 'suspended', suspendedReason: 'The platform’s isolation canary: never used.' },
        overrideAccess: true,
        req,
      }))
    for (const collection of Object.keys(CANARY_ROWS) as Collection[]) {
      const { totalDocs } = await payload.count({ collection, where: { tenant: { equals: tenant.id } }, overrideAccess: true, req })
      if (totalDocs === 0) await payload.create({ collection, data: { ...CANARY_ROWS[collection], tenant: tenant.id } as never, overrideAccess: true, req })
    }
    return String(tenant.id)
  })
}

/** Every table with a tenant column (and the registry itself), and that column. */
async function tenantColumns(pool: Pool): Promise<{ table: string; column: string }[]> {
  const { rows } = await pool.query<{ table: string; column: string }>(
    `select c.relname as table, min(a.attname) as column
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attname in ('tenant_id', 'version_tenant_id') and not a.attisdropped
     where c.relkind in ('r', 'p') and n.nspname = current_schema()
     group by c.relname order by 1`,
  )
  return [{ table: 'tenants', column: 'id' }, ...rows]
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`

/** One statement counting the canary's rows each table shows: `[{ table, n }]`. */
const countSql = (tables: { table: string; column: string }[]) =>
  tables.map(({ table, column }) => `select ${literal(table)} as table, count(*)::int as n from ${quote(table)} where ${quote(column)} = $1`).join('\nunion all\n')

export type Leak = { tenant: string; table: string; rows: number }

export type CanaryResult = CheckRun & { summary: { canary: string; tenantsChecked: number; tables: number; leaks: Leak[] } }

/**
 * One canary run: for each other tenant, as the request role with that tenant's context applied
 * (runWithTenant: the context a request of its staff gets, set on the request role's pool), count
 * the canary's rows in every tenant table and the canary's registry row. Any row seen is a leak:
 * logged as an error, and the run is recorded failing (platform_health_runs).
 */
export async function runCanary(payload: Payload): Promise<CanaryResult> {
  const startedAt = new Date().toISOString()
  const pool = (payload.db as unknown as { pool: Pool }).pool
  const canary = await ensureCanary(payload)
  const tables = await tenantColumns(pool)
  const sql = countSql(tables)
  const { rows: others } = await runAsSystem('platform health: tenants the canary checks', () => pool.query<{ id: string }>('select id from tenants where id <> $1 order by id', [canary]))
  const leaks: Leak[] = []
  for (const { id } of others) {
    const { rows } = await runWithTenant({ tenantId: id, via: 'job' }, () => pool.query<{ table: string; n: number }>(sql, [canary]))
    for (const row of rows) if (row.n > 0) leaks.push({ tenant: id, table: row.table, rows: row.n })
  }
  if (leaks.length > 0) {
    const where = [...new Set(leaks.map((leak) => leak.table))].join(', ')
    payload.logger.error({ leaks }, `ISOLATION CANARY LEAK: ${leaks.length} tenant context(s) see the canary's rows in ${where}. Row-level security is not holding; see the platform health page.`)
  }
  const result: CanaryResult = {
    status: leaks.length ? 'failing' : 'ok',
    startedAt,
    finishedAt: new Date().toISOString(),
    summary: { canary, tenantsChecked: others.length, tables: tables.length, leaks },
  }
  await recordRun(pool, 'canary', result)
  return result
}
