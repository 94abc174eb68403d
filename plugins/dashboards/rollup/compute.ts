import { sql } from '@payloadcms/db-postgres'

type SQL = ReturnType<typeof sql>

/** One tenant's day range, whole calendar days in the shop's time zone. */
export type DayRange = { tenantId: string; from: string; to: string; timeZone: string }
export type Sources = { inbox: boolean; couriers: boolean }

/**
 * The metrics of the rollup, each a row (day, metric, dimension, value) of tenant_daily_metrics.
 * Sums only (averages are kept as sum and count), so any period is the sum of its days. Money in
 * minor units. New metrics are new names here; the table needs no change.
 */
export const METRICS = [
  'orders', // by source: orders created that day
  'revenue', // by source: their total, cancelled and returned ones excluded
  'orders_status', // by status (the order's current status)
  'product_units', // by product id: units sold (cancelled/returned excluded)
  'product_revenue', // by product id: quantity × unit price
  'leads', // by source
  'leads_converted', // by source: leads created that day now converted
  'conversations', // by channel: conversations opened
  'conversations_ordered', // conversations whose customer ordered within `conversionDays` of opening
  'first_response_s', // seconds from a conversation's first inbound message to the first reply after it (sum)
  'first_response_n', // how many conversations that sum is over
  'first_response_h', // by seconds to two significant figures (roundedSeconds): how many first responses took that long — the period's median comes from it
  'messages', // by direction (inbound / outbound)
  'shipments', // by status: parcels booked that day
  'cod_expected', // cash to collect on the parcels booked that day
  'cod_collected', // cash collected on parcels delivered that day
  'cod_settled', // cash the couriers settled that day
] as const
export type Metric = (typeof METRICS)[number]

/**
 * A first response's seconds as the histogram keeps them: whole seconds under 100, two
 * significant figures above (1 234 s → 1 200), so a day has at most a few hundred buckets
 * and a median is exact to 1 %. The SQL below computes the same.
 */
export function roundedSeconds(seconds: number): number {
  const whole = Math.round(seconds)
  if (whole < 100) return whole
  const unit = 10 ** (String(whole).length - 2)
  return Math.round(whole / unit) * unit
}
const ROUNDED_SECONDS = sql.raw(`(case when round(seconds) < 100 then round(seconds)
  else round(round(seconds) / 10::numeric ^ (length(round(seconds)::text) - 2)) * 10::numeric ^ (length(round(seconds)::text) - 2) end)::bigint::text`)

/** The day (in the shop's time zone) a timestamp column falls on, and whether it is in the range. */
const dayOf = (column: SQL, r: DayRange) => sql`((${column} at time zone ${r.timeZone})::date)`
const inRange = (column: SQL, r: DayRange) => sql`${column} >= ((${r.from}::date)::timestamp at time zone ${r.timeZone}) and ${column} < ((${r.to}::date + 1)::timestamp at time zone ${r.timeZone})`

function orderParts(r: DayRange): SQL[] {
  const orders = sql`(select o.id, o.source::text as source, o.status::text as status, o.total, ${dayOf(sql`o.created_at`, r)} as day
    from orders o where o.tenant_id = ${r.tenantId}::uuid and ${inRange(sql`o.created_at`, r)})`
  const kept = sql`o.status not in ('cancelled', 'returned')`
  return [
    sql`select day, 'orders' as metric, coalesce(source, '') as dimension, count(*)::numeric as value from ${orders} o group by 1, 3`,
    sql`select day, 'revenue', coalesce(source, ''), coalesce(sum(total), 0) from ${orders} o where ${kept} group by 1, 3`,
    sql`select day, 'orders_status', coalesce(status, ''), count(*) from ${orders} o group by 1, 3`,
    sql`select o.day, 'product_units', i.product_id::text, coalesce(sum(i.quantity), 0) from ${orders} o join orders_items i on i._parent_id = o.id
        where ${kept} and i.product_id is not null group by 1, 3`,
    sql`select o.day, 'product_revenue', i.product_id::text, coalesce(sum(i.quantity * i.unit_price), 0) from ${orders} o join orders_items i on i._parent_id = o.id
        where ${kept} and i.product_id is not null group by 1, 3`,
    sql`select ${dayOf(sql`l.created_at`, r)}, 'leads', coalesce(l.source::text, ''), count(*) from leads l
        where l.tenant_id = ${r.tenantId}::uuid and ${inRange(sql`l.created_at`, r)} group by 1, 3`,
    sql`select ${dayOf(sql`l.created_at`, r)}, 'leads_converted', coalesce(l.source::text, ''), count(*) from leads l
        where l.tenant_id = ${r.tenantId}::uuid and l.status = 'converted' and ${inRange(sql`l.created_at`, r)} group by 1, 3`,
  ]
}

function inboxParts(r: DayRange, conversionDays: number): SQL[] {
  const opened = sql`c.tenant_id = ${r.tenantId}::uuid and ${inRange(sql`c.created_at`, r)}`
  // Each conversation opened in the range that was answered: its day and seconds to the first reply.
  const responses = sql`(select day, seconds from (
        select ${dayOf(sql`c.created_at`, r)} as day,
          extract(epoch from (select min(m.created_at) from messages m where m.conversation_id = c.id and m.direction = 'outbound' and m.created_at >= fi.at) - fi.at) as seconds
        from conversations c cross join lateral (select min(m.created_at) as at from messages m where m.conversation_id = c.id and m.direction = 'inbound') fi
        where ${opened} and fi.at is not null) y where seconds is not null)`
  return [
    sql`select ${dayOf(sql`c.created_at`, r)}, 'conversations', coalesce(c.channel::text, ''), count(*) from conversations c where ${opened} group by 1, 3`,
    sql`select ${dayOf(sql`c.created_at`, r)}, 'conversations_ordered', '', count(*) from conversations c where ${opened} and c.customer_id is not null
        and exists (select from orders o where o.tenant_id = c.tenant_id and o.customer_id = c.customer_id
                    and o.created_at >= c.created_at and o.created_at < c.created_at + make_interval(days => ${conversionDays})) group by 1`,
    sql`select ${dayOf(sql`m.created_at`, r)}, 'messages', m.direction::text, count(*) from messages m
        where m.tenant_id = ${r.tenantId}::uuid and ${inRange(sql`m.created_at`, r)} group by 1, 3`,
    sql`select day, 'first_response_s', '', coalesce(sum(seconds), 0)::numeric from ${responses} x group by 1`,
    sql`select day, 'first_response_n', '', count(*)::numeric from ${responses} x group by 1`,
    sql`select day, 'first_response_h', ${ROUNDED_SECONDS}, count(*)::numeric from ${responses} x group by 1, 3`,
  ]
}

function courierParts(r: DayRange): SQL[] {
  const booked = sql`s.tenant_id = ${r.tenantId}::uuid and s.booking_state = 'booked'`
  return [
    sql`select ${dayOf(sql`s.created_at`, r)}, 'shipments', s.status::text, count(*) from shipments s where ${booked} and ${inRange(sql`s.created_at`, r)} group by 1, 3`,
    sql`select ${dayOf(sql`s.created_at`, r)}, 'cod_expected', '', coalesce(sum(s.cod_expected), 0) from shipments s
        where ${booked} and s.payment_method = 'cod' and ${inRange(sql`s.created_at`, r)} group by 1`,
    sql`select ${dayOf(sql`s.delivered_at`, r)}, 'cod_collected', '', coalesce(sum(s.cod_collected), 0) from shipments s
        where ${booked} and s.payment_method = 'cod' and ${inRange(sql`s.delivered_at`, r)} group by 1`,
    sql`select ${dayOf(sql`s.settled_at`, r)}, 'cod_settled', '', coalesce(sum(s.settled_amount), 0) from shipments s
        where ${booked} and ${inRange(sql`s.settled_at`, r)} group by 1`,
  ]
}

/**
 * The range's figures from the raw rows, one aggregate statement: every row is
 * (day, metric, dimension, value), zeros left out, plus one `_day` marker per day of the range
 * (the day is rolled up, even when nothing happened).
 */
export function metricRows(r: DayRange, sources: Sources, conversionDays: number): SQL {
  const parts = [...orderParts(r), ...(sources.inbox ? inboxParts(r, conversionDays) : []), ...(sources.couriers ? courierParts(r) : [])]
  return sql`select x.day, x.metric, x.dimension, x.value from (${sql.join(parts, sql` union all `)}) as x(day, metric, dimension, value) where x.value <> 0
    union all select d::date, '_day', '', 0 from generate_series(${r.from}::date, ${r.to}::date, interval '1 day') d`
}

/** Replace the range's rollup rows with freshly computed ones (run it in a transaction). */
export const replaceRange = (r: DayRange, sources: Sources, conversionDays: number): SQL[] => [
  sql`delete from tenant_daily_metrics where tenant_id = ${r.tenantId}::uuid and day between ${r.from}::date and ${r.to}::date`,
  sql`insert into tenant_daily_metrics (tenant_id, day, metric, dimension, value)
      select ${r.tenantId}::uuid, x.day, x.metric, x.dimension, x.value from (${metricRows(r, sources, conversionDays)}) x`,
]
