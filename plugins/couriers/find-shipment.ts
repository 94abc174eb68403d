import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Shipment } from '../../payload-types'
import { hostOf } from './options'
import type { ShipmentRef } from './providers/types'

/**
 * The shipment of one courier account that a courier's ids name (consignment id, tracking code,
 * or our invoice), in the current tenant context: only that account's shipments are candidates,
 * so ids from another shop's parcels find nothing. A row whose own consignment id or tracking code
 * differs from the courier's is never the one, whatever the invoice says. The active one first, then the newest.
 */
export async function findShipment(req: PayloadRequest, accountId: string, ref: ShipmentRef): Promise<Shipment | null> {
  const { consignmentId = null, trackingCode = null, invoice = null } = ref
  if (!consignmentId && !trackingCode && !invoice) return null
  const rows = await hostOf(req).db.runSql(
    req,
    sql`select id from shipments
        where account_id = ${accountId}::uuid
          and ((${consignmentId}::text is not null and consignment_id = ${consignmentId})
            or (${trackingCode}::text is not null and tracking_code = ${trackingCode})
            or (${invoice}::text is not null and invoice = ${invoice}))
          -- an id the courier gave that contradicts the row's own rules it out (a shared invoice number is not enough)
          and (${consignmentId}::text is null or consignment_id is null or consignment_id = ${consignmentId})
          and (${trackingCode}::text is null or tracking_code is null or tracking_code = ${trackingCode})
        order by active desc, created_at desc limit 1`,
  )
  if (!rows[0]) return null
  return req.payload.findByID({ collection: 'shipments', id: String(rows[0].id), depth: 0, overrideAccess: true, req, disableErrors: true })
}
