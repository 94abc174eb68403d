import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hostOf } from '../options'
import type { Period } from '../reconcile/params'

export const GROUP_BY = ['district', 'zone', 'none'] as const
export type GroupBy = (typeof GROUP_BY)[number]

/** The sums one group's figures are made of (averages kept as sum and count, so groups add up). */
export type Counts = {
  booked: number
  delivered: number
  firstAttempt: number
  returned: number
  cancelled: number
  partial: number
  hoursSum: number
  hoursN: number
  feeSum: number
  feeN: number
  codExpected: number
  codCollected: number
  lagSum: number
  lagN: number
}

export type CountsRow = Counts & { provider: string; account: string; accountLabel: string; area: null | string; payment: 'cod' | 'prepaid' }

/** The area a row is grouped by: the district, the district and zone, or none; blank ones say so. */
function areaOf(groupBy: GroupBy) {
  const district = sql`coalesce(nullif(btrim(s.recipient_district), ''), 'Unknown district')`
  if (groupBy === 'district') return district
  if (groupBy === 'zone') return sql`${district} || ' / ' || coalesce(nullif(btrim(s.recipient_zone), ''), 'Unknown zone')`
  return sql`null::text`
}

const n = (v: unknown) => Number(v ?? 0)

/**
 * One aggregate over the shop's booked shipments created in `period` (whole days in the shop's
 * time zone), per courier account × area × payment method, in the tenant's context: outcomes by
 * current status (delivered counts partial deliveries too; returned counts parcels on their way
 * back; first attempt = delivered with no failed attempt), pickup → delivery hours, delivery
 * fees, COD expected and collected, and the remittance lag (delivery → settlement days).
 */
export async function performanceCounts(req: PayloadRequest, q: { tenantId: string; accountId: null | string; period: Period; timeZone: string; groupBy: GroupBy }): Promise<CountsRow[]> {
  const area = areaOf(q.groupBy)
  const rows = await hostOf(req).db.runSql(
    req,
    sql`select s.provider, s.account_id, coalesce(c.label, '') as account_label, ${area} as area, s.payment_method,
          count(*) as booked,
          count(*) filter (where s.status in ('delivered', 'partially_delivered')) as delivered,
          count(*) filter (where s.status in ('delivered', 'partially_delivered') and coalesce(s.attempts, 0) = 0) as first_attempt,
          count(*) filter (where s.status in ('returning', 'returned')) as returned,
          count(*) filter (where s.status = 'cancelled') as cancelled,
          count(*) filter (where s.status = 'partially_delivered') as partial,
          coalesce(sum(extract(epoch from s.delivered_at - s.picked_at) / 3600) filter (where s.delivered_at is not null and s.picked_at is not null and s.delivered_at >= s.picked_at), 0) as hours_sum,
          count(*) filter (where s.delivered_at is not null and s.picked_at is not null and s.delivered_at >= s.picked_at) as hours_n,
          coalesce(sum(s.delivery_fee) filter (where s.delivery_fee is not null), 0) as fee_sum,
          count(*) filter (where s.delivery_fee is not null) as fee_n,
          coalesce(sum(s.cod_expected) filter (where s.payment_method = 'cod'), 0) as cod_expected,
          coalesce(sum(s.cod_collected) filter (where s.payment_method = 'cod'), 0) as cod_collected,
          coalesce(sum(extract(epoch from s.settled_at - s.delivered_at) / 86400) filter (where s.settled_at is not null and s.delivered_at is not null and s.settled_at >= s.delivered_at), 0) as lag_sum,
          count(*) filter (where s.settled_at is not null and s.delivered_at is not null and s.settled_at >= s.delivered_at) as lag_n
        from shipments s
        left join couriers c on c.id = s.account_id
        where s.tenant_id = ${q.tenantId}::uuid
          and s.booking_state = 'booked'
          and (${q.accountId}::uuid is null or s.account_id = ${q.accountId}::uuid)
          and s.created_at >= (${q.period.from}::date)::timestamp at time zone ${q.timeZone}
          and s.created_at < (${q.period.to}::date + 1)::timestamp at time zone ${q.timeZone}
        group by s.provider, s.account_id, c.label, 4, s.payment_method
        order by s.provider::text, coalesce(c.label, ''), s.account_id, 4, s.payment_method::text`,
  )
  return rows.map((r) => ({
    provider: String(r.provider),
    account: String(r.account_id),
    accountLabel: String(r.account_label),
    area: typeof r.area === 'string' ? r.area : null,
    payment: r.payment_method === 'prepaid' ? 'prepaid' : 'cod',
    booked: n(r.booked),
    delivered: n(r.delivered),
    firstAttempt: n(r.first_attempt),
    returned: n(r.returned),
    cancelled: n(r.cancelled),
    partial: n(r.partial),
    hoursSum: n(r.hours_sum),
    hoursN: n(r.hours_n),
    feeSum: n(r.fee_sum),
    feeN: n(r.fee_n),
    codExpected: n(r.cod_expected),
    codCollected: n(r.cod_collected),
    lagSum: n(r.lag_sum),
    lagN: n(r.lag_n),
  }))
}
