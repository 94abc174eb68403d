import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { courierSettingsOf, hostOf } from '../options'
import { toLocalPhone } from '../providers/phone'

/** What the shop's own deliveries to a phone say about a cash order to it. */
export type PhoneRisk = {
  /** 01XXXXXXXXX. */
  phone: string
  delivered: number
  returned: number
  /** Cancelled after the courier picked the parcel up (a cancellation before pickup is the shop's, not the customer's). */
  cancelled: number
  /** Failed delivery attempts the couriers reported, over all the phone's parcels. */
  failedAttempts: number
  /** Parcels with an outcome: delivered + returned + cancelled after pickup. */
  total: number
  /** delivered / total (0..1), null with no outcome yet. */
  successRate: null | number
  /** The success rate as a percentage (0..100), null with no outcome yet. */
  score: null | number
  /** The shop's threshold (tenant setting `couriers.riskThreshold`, %). */
  threshold: number
  /** At least two outcomes and a score under the threshold. */
  risky: boolean
}

/** The phone's risk from outcomes counts (pure). */
export function riskOf(phone: string, c: { delivered: number; returned: number; cancelled: number; failedAttempts: number }, threshold: number): PhoneRisk {
  const total = c.delivered + c.returned + c.cancelled
  const successRate = total > 0 ? Math.round((c.delivered / total) * 10_000) / 10_000 : null
  const score = successRate === null ? null : Math.round(successRate * 100)
  return { phone, ...c, total, successRate, score, threshold, risky: total >= 2 && score !== null && score < threshold }
}

/**
 * The risk of a cash order to `phone` (any form people write; null when it is not a
 * Bangladeshi mobile number), from the tenant's OWN shipments to it only — one query in the
 * tenant's context: delivered and partly delivered parcels succeed; returned (or on their way
 * back) and cancelled-after-pickup ones fail. Shipments store the phone as 01XXXXXXXXX (booking
 * normalises it), so the match is exact and uses the (tenant, phone) index.
 */
export async function phoneRisk(req: PayloadRequest, tenantId: string, phone: string): Promise<null | PhoneRisk> {
  const local = toLocalPhone(phone)
  if (!local) return null
  const options = hostOf(req)
  const work = req.user ? { tenantId, via: 'user' as const, userId: String(req.user.id) } : { tenantId, via: 'job' as const }
  return options.tenancy.runWithTenant(work, async () => {
    const [row] = await options.db.runSql(
      req,
      sql`select
            count(*) filter (where status in ('delivered', 'partially_delivered')) as delivered,
            count(*) filter (where status in ('returning', 'returned')) as returned,
            count(*) filter (where status = 'cancelled' and picked_at is not null) as cancelled,
            coalesce(sum(attempts), 0) as failed_attempts
          from shipments
          where tenant_id = ${tenantId}::uuid and recipient_phone = ${local} and booking_state = 'booked'`,
    )
    const { settings } = await options.tenancy.tenantFacts(req, tenantId)
    const counts = { delivered: Number(row?.delivered ?? 0), returned: Number(row?.returned ?? 0), cancelled: Number(row?.cancelled ?? 0), failedAttempts: Number(row?.failed_attempts ?? 0) }
    return riskOf(local, counts, courierSettingsOf(settings).riskThreshold)
  })
}
