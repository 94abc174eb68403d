import type pg from 'pg'

/** What a read returned, reduced to what every mode must agree on. */
export type Answer = { ids: string[]; tenants: string[]; total: number }

const LISTS = {
  // depth 0: a product's images are its media ids, in order (products_rels).
  products: `select p.*, array(select r.media_id from products_rels r where r.parent_id = p.id and r.path = 'images' order by r."order") as images
             from products p where p.tenant_id = $1 order by p.created_at desc limit $2 offset $3`,
  // depth 0: an order's items are its rows of orders_items, in order.
  orders: `select o.*, coalesce((select json_agg(json_build_object('id', i.id, 'product', i.product_id, 'quantity', i.quantity, 'unitPrice', i.unit_price) order by i._order)
             from orders_items i where i._parent_id = o.id), '[]') as items
           from orders o where o.tenant_id = $1 order by o.created_at desc limit $2 offset $3`,
} as const

export type ListSlug = keyof typeof LISTS

/**
 * The same rows as `GET /api/<slug>?limit&page&depth=0` (Payload's default order, newest
 * first), written by hand: one checkout of the owner's pool, the page and its count.
 */
export async function rawList(pool: pg.Pool, slug: ListSlug, tenantId: string, limit: number, page: number): Promise<Answer> {
  const client = await pool.connect()
  try {
    const { rows } = await client.query<{ id: string; tenant_id: string }>(LISTS[slug], [tenantId, limit, (page - 1) * limit])
    const { rows: count } = await client.query<{ total: number }>(`select count(*)::int as total from ${slug} where tenant_id = $1`, [tenantId])
    return { ids: rows.map((r) => r.id), tenants: rows.map((r) => r.tenant_id), total: count[0].total }
  } finally {
    client.release()
  }
}

/** The same row as `GET /api/products/:id?depth=0`: one statement. */
export async function rawProduct(pool: pg.Pool, id: string): Promise<Answer> {
  const { rows } = await pool.query<{ id: string; tenant_id: string }>(
    `select p.*, array(select r.media_id from products_rels r where r.parent_id = p.id and r.path = 'images' order by r."order") as images from products p where p.id = $1`,
    [id],
  )
  return { ids: rows.map((r) => r.id), tenants: rows.map((r) => r.tenant_id), total: rows.length }
}
