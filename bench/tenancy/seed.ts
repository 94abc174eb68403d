import pg from 'pg'

import { seedCatalogue } from '../rls/seed'

const CUSTOMERS_PER_TENANT = 10
const ITEMS_PER_ORDER = 2

/**
 * bench/rls's catalogue (products round-robin over the shops, one image each), then per shop
 * 10 customers and `rows` orders of 2 items each (the shop's own products), written the same
 * way: as the owner, round-robin over the shops with increasing `created_at`, so one shop's
 * orders are spread over the whole table (items are read by their order's id, so their own
 * placement does not matter). Returns the tenant ids in creation order.
 */
export async function seedShops(owner: pg.Pool, tenants: number, rows: number): Promise<string[]> {
  const ids = await seedCatalogue(owner, tenants, rows, 1)
  const shops = `(select id, slug, row_number() over (order by slug) as n from tenants where slug like 'bench-%')`
  await owner.query(
    `insert into customers (tenant_id, name, phone)
     select t.id, 'Customer ' || c || ' of ' || t.slug, '+8801' || lpad(c::text, 9, '0')
     from generate_series(1, $1::int) c cross join ${shops} t
     order by c, t.n`,
    [CUSTOMERS_PER_TENANT],
  )
  await owner.query(
    `insert into orders (tenant_id, number, customer_id, subtotal, shipping, discount, total, currency, payment_method, source, status, quota_counted, created_at, updated_at)
     select t.id, 'B-' || lpad(o::text, 6, '0'), t.customers[1 + o % array_length(t.customers, 1)], 2000, 100, 0, 2100, 'BDT', 'cod', 'manual', 'pending', true, at, at
     from generate_series(1, $2::int) o
     cross join (select s.id, s.n, array_agg(c.id order by c.phone) as customers from ${shops} s join customers c on c.tenant_id = s.id group by s.id, s.n) t
     cross join lateral (select timestamptz '2026-01-01' + ((o * $1::int + t.n) * interval '1 millisecond') as at) x
     order by o, t.n`,
    [tenants, rows],
  )
  await owner.query(
    `insert into orders_items (_order, _parent_id, id, product_id, quantity, unit_price)
     select i, o.id, substr(md5(o.id::text || i), 1, 24), p.ids[1 + (o.n + i) % array_length(p.ids, 1)], 1, 1000
     from (select id, tenant_id, row_number() over (partition by tenant_id order by created_at) as n from orders) o
     join (select tenant_id, array_agg(id order by created_at) as ids from products group by tenant_id) p using (tenant_id)
     cross join generate_series(1, $1::int) i`,
    [ITEMS_PER_ORDER],
  )
  await owner.query('vacuum (analyze) customers, orders, orders_items')
  return ids
}

/** Up to `count` product ids of each shop, for by-id reads. */
export async function productIdsOf(owner: pg.Pool, tenantIds: readonly string[], count: number): Promise<Map<string, string[]>> {
  const { rows } = await owner.query<{ tenant_id: string; ids: string[] }>(
    `select tenant_id, (array_agg(id order by created_at))[1:$2] as ids from products where tenant_id = any($1::uuid[]) group by tenant_id`,
    [tenantIds, count],
  )
  return new Map(rows.map((r) => [r.tenant_id, r.ids]))
}

export type DatabaseUrls = { runtime: string; platform: string; owner: string }

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString()
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * A second database on the same server with the same schema, grants and owner settings: a
 * template copy of the migrated test database. PostgreSQL copies a template only while nobody
 * is connected to it, so this must run before Payload (or anything else) connects.
 */
export async function copyDatabase(urls: DatabaseUrls, suffix: string): Promise<{ urls: DatabaseUrls; drop: () => Promise<void> }> {
  const source = decodeURIComponent(new URL(urls.owner).pathname.slice(1))
  const name = `${source}_${suffix}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: withDatabase(urls.owner, 'postgres') })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`drop database if exists ${quote(name)}`)
  await admin(`create database ${quote(name)} template ${quote(source)}`).catch((error: Error) => {
    throw new Error(`copying the test database failed (${error.message}); run bench:tenancy on its own, before anything connects`)
  })
  return {
    urls: { runtime: withDatabase(urls.runtime, name), platform: withDatabase(urls.platform, name), owner: withDatabase(urls.owner, name) },
    drop: () => admin(`drop database if exists ${quote(name)} with (force)`),
  }
}
