import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import type { Tenant } from '../../payload-types'
import { recomputeDashboards } from '../../plugins/dashboards'
import { runSql } from '../db/run-sql'

type Ctx = { payload: Payload; req: PayloadRequest }

/** Days of order and lead history before today, so the shop's home has charts to draw. */
export const DEMO_HISTORY_DAYS = 90

/**
 * 90 days of past orders (2–9 a day, every source and status, one or two of the shop's products
 * each) and leads for an active demo tenant, written as imported history — straight into the
 * tables in the seed's transaction, numbered `H-00001`…, outside the monthly quota ledger (it is
 * the past) — then the shop's dashboard rollup computed for those days and today. Once per tenant (skipped
 * when it already has an `H-` order). Answers how many rows it added.
 */
export async function seedOrderHistory({ payload, req }: Ctx, tenant: Tenant, index: number): Promise<number> {
  if (tenant.status !== 'active') return 0
  const t = sql`${tenant.id}::uuid`
  // Day `d` before today is that calendar day in the shop's time zone, between 09:00 and 19:00 there:
  // counted back from `now()` alone, just after midnight there, yesterday would have none.
  const zone = tenant.timezone ?? 'Asia/Dhaka'
  const [seen] = await runSql(req, sql`select count(*)::int as n from orders where tenant_id = ${t} and number like 'H-%'`)
  if (Number(seen?.n) > 0) return 0
  const [facts] = await runSql(req, sql`select (select count(*) from customers where tenant_id = ${t})::int as customers, (select count(*) from products where tenant_id = ${t})::int as products`)
  if (!Number(facts?.customers) || !Number(facts?.products)) return 0
  // Deterministic per tenant (`index`): a weekly rhythm and a slow climb, so the charts show a shape.
  // Past orders are settled (delivered, shipped, cancelled, returned): the live seed's one confirmed order stays the one to book.
  const orders = await runSql(
    req,
    sql`with days as (select d, 2 + ((d * 7 + ${index} * 3) % 5) + (case when extract(dow from now() - make_interval(days => d)) in (5, 6) then 3 else 0 end) - d / 45 as n from generate_series(1, ${DEMO_HISTORY_DAYS}) d),
         c as (select id, row_number() over (order by created_at, id) as k from customers where tenant_id = ${t}),
         rows as (select d, i, row_number() over (order by d desc, i) as seq from days cross join lateral generate_series(1, greatest(1, n)) i)
        insert into orders (tenant_id, number, customer_id, source, status, payment_method, subtotal, shipping, discount, total, currency, created_at, updated_at)
        select ${t}, 'H-' || lpad(seq::text, 5, '0'), (select id from c where k = 1 + (seq % (select count(*) from c))),
          (array['facebook', 'whatsapp', 'storefront', 'manual']::enum_orders_source[])[1 + (seq * 5 + ${index}) % 4],
          (array['delivered', 'delivered', 'delivered', 'shipped', 'delivered', 'cancelled', 'returned', 'delivered']::enum_orders_status[])[1 + (seq * 3) % 8],
          (case when seq % 4 = 0 then 'prepaid' else 'cod' end)::enum_orders_payment_method,
          0, 6000, 0, 0, 'BDT', placed, placed
        from rows cross join lateral (select (date_trunc('day', now() at time zone ${zone}) - make_interval(days => d) + make_interval(hours => 9, mins => (i * 97) % 600)) at time zone ${zone} as placed) placed_at
        returning id`,
  )
  await runSql(
    req,
    sql`with o as (select id, row_number() over (order by number) as seq from orders where tenant_id = ${t} and number like 'H-%'),
         p as (select id, price, row_number() over (order by sku) as k from products where tenant_id = ${t}),
         lines as (select o.id as order_id, o.seq, l from o cross join lateral generate_series(1, 1 + (o.seq % 2)::int) l)
        insert into orders_items (_order, _parent_id, id, product_id, quantity, unit_price)
        select l, order_id, gen_random_uuid()::text, p.id, 1 + (seq + l) % 3, p.price from lines join p on p.k = 1 + ((seq + l * 7) % (select count(*) from p))`,
  )
  await runSql(
    req,
    sql`update orders o set subtotal = s.sum, total = s.sum + o.shipping from (select _parent_id, sum(quantity * unit_price) as sum from orders_items group by 1) s
        where s._parent_id = o.id and o.tenant_id = ${t} and o.number like 'H-%'`,
  )
  const leads = await runSql(
    req,
    sql`insert into leads (tenant_id, name, phone, source, status, created_at, updated_at)
        select ${t}, 'Past lead ' || d, '0199' || lpad((${index} * 1000000 + d)::text, 7, '0'),
          (array['lead-ad', 'manual', 'import', 'scrape']::enum_leads_source[])[1 + (d * 3) % 4],
          (array['new', 'contacted', 'qualified', 'converted', 'lost']::enum_leads_status[])[1 + (d * 7) % 5],
          now() - make_interval(days => d), now() - make_interval(days => d)
        from generate_series(1, ${DEMO_HISTORY_DAYS}, 2) d returning id`,
  )
  // Through today in the shop's own time zone (the rollup's days are the shop's), the live seed's orders included.
  const dayIn = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms))
  const from = dayIn(Date.now() - (DEMO_HISTORY_DAYS + 1) * 86_400_000)
  const to = dayIn(Date.now())
  await recomputeDashboards(req, tenant.id, from, to)
  payload.logger.debug({ tenant: tenant.slug, orders: orders.length, leads: leads.length }, 'seed: order history')
  return orders.length + leads.length
}
