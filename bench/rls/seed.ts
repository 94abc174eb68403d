import type pg from 'pg'

const MEDIA_PER_TENANT = 10

/**
 * The benchmark's catalogue, written as the owner with plain SQL (Payload's create path would
 * take hours for 500 000 rows): `tenants` active shops, each with `products` products. Products
 * are inserted round-robin over the tenants with increasing `created_at`, as if every shop added
 * its catalogue over the same period, so one tenant's rows are spread over the whole table
 * rather than packed together. Each product has `images` images (`products_rels` rows pointing
 * at one of its tenant's 10 media), so the sub-table policy (`exists` on the parent) is on the
 * read path too. Returns the tenant ids in creation order.
 */
export async function seedCatalogue(owner: pg.Pool, tenants: number, products: number, images: number): Promise<string[]> {
  const { rows } = await owner.query<{ id: string }>(
    `insert into tenants (name, slug, status)
     select 'Bench shop ' || n, 'bench-' || lpad(n::text, 6, '0'), 'active'
     from generate_series(1, $1::int) n
     returning id`,
    [tenants],
  )
  await owner.query(
    `insert into products (tenant_id, name, sku, price, currency, stock, status, category, created_at, updated_at)
     select t.id, 'Product ' || p || ' of ' || t.slug, 'SKU-' || lpad(p::text, 6, '0'),
       100 + (p * 37 + t.n * 11) % 100000, 'BDT', (p + t.n) % 50, 'active', 'category-' || (p % 20),
       at, at
     from generate_series(1, $2::int) p
     cross join (select id, slug, row_number() over (order by slug) as n from tenants where slug like 'bench-%') t
     cross join lateral (select timestamptz '2026-01-01' + ((p * $1::int + t.n) * interval '1 millisecond') as at) x
     order by p, t.n`,
    [tenants, products],
  )
  if (images > 0) {
    await owner.query(
      `insert into media (tenant_id, alt, filename, mime_type, filesize, width, height)
       select t.id, 'Image ' || i, t.slug || '-' || i || '.jpg', 'image/jpeg', 50000, 800, 800
       from tenants t cross join generate_series(1, $1::int) i where t.slug like 'bench-%'`,
      [MEDIA_PER_TENANT],
    )
    await owner.query(
      `insert into products_rels ("order", parent_id, path, media_id)
       select i, p.id, 'images', m.ids[1 + (p.n + i) % array_length(m.ids, 1)]
       from (select id, tenant_id, row_number() over (partition by tenant_id order by created_at) as n from products) p
       join (select tenant_id, array_agg(id order by filename) as ids from media group by tenant_id) m using (tenant_id)
       cross join generate_series(1, $1::int) i
       order by p.n, p.tenant_id, i`,
      [images],
    )
  }
  await owner.query('vacuum (analyze) tenants, products, media, products_rels')
  return rows.map((r) => r.id)
}

/** `count` tenants spread evenly over `all` (deterministic, so reruns sample the same shops). */
export const sampleEvenly = <T>(all: readonly T[], count: number): T[] => Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor((i * all.length) / Math.min(count, all.length))])

/** A small seeded PRNG (mulberry32): the same request mix for every mode of a round. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

export const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}
