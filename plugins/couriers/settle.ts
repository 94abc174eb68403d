import type { PayloadRequest } from 'payload'

import type { CourierPayout, Shipment } from '../../payload-types'
import type { Provider } from './providers/types'
import { systemReqOf } from './system-req'
import { idOf } from './ids'

export type SettlementItem = { shipment: Shipment; collected?: null | number; deliveryFee?: null | number; codFee?: null | number }
export type Settlement = {
  accountId: string
  provider: Provider
  reference: string
  source: 'api' | 'webhook' | 'csv' | 'manual'
  currency: string
  /** The payout's total as the courier stated it; else the sum of its items' collected cash less fees. */
  amount?: null | number
  status?: null | string
  paidAt: Date
  note?: null | string
  items: SettlementItem[]
}

/**
 * Record a payout and mark its parcels settled, in the current tenant context and `req`'s
 * transaction. One payout row per (account, reference): a payout seen again (the API read twice,
 * `order.paid` for each of its parcels) adds only the parcels it did not list yet. A parcel
 * listed by a second, different payout counts twice (`settlementCount`), which reconciliation flags.
 * Answers the payout and how many parcels it newly settled.
 */
export async function recordSettlement(callerReq: PayloadRequest, s: Settlement): Promise<{ payout: CourierPayout; added: number }> {
  const req = await systemReqOf(callerReq)
  const existing = (
    await req.payload.find({ collection: 'courier-payouts', where: { and: [{ account: { equals: s.accountId } }, { reference: { equals: s.reference } }] }, depth: 0, limit: 1, overrideAccess: true, req })
  ).docs[0] as CourierPayout | undefined
  const listed = new Set((existing?.items ?? []).map((i) => idOf(i.shipment)).filter(Boolean))
  const fresh = s.items.filter((i) => !listed.has(String(i.shipment.id)))
  const itemRows = [
    ...(existing?.items ?? []).map(({ id: _id, ...row }) => ({ ...row, shipment: idOf(row.shipment) })),
    ...fresh.map((i) => ({
      shipment: String(i.shipment.id),
      consignmentId: i.shipment.consignmentId ?? null,
      invoice: i.shipment.invoice,
      trackingCode: i.shipment.trackingCode ?? null,
      collected: i.collected ?? i.shipment.codCollected ?? 0,
      deliveryFee: i.deliveryFee ?? i.shipment.deliveryFee ?? 0,
      codFee: i.codFee ?? i.shipment.codFee ?? 0,
    })),
  ]
  const net = itemRows.reduce((sum, i) => sum + (i.collected ?? 0) - (i.deliveryFee ?? 0) - (i.codFee ?? 0), 0)
  const data = {
    account: s.accountId,
    provider: s.provider,
    reference: s.reference,
    source: s.source,
    currency: s.currency,
    amount: s.amount ?? Math.max(0, net),
    status: s.status ?? existing?.status ?? null,
    paidAt: (existing?.paidAt ? new Date(existing.paidAt) : s.paidAt).toISOString(),
    note: s.note ?? existing?.note ?? null,
    items: itemRows,
  }
  const payout = existing
    ? await req.payload.update({ collection: 'courier-payouts', id: existing.id, data, depth: 0, overrideAccess: true, req })
    : await req.payload.create({ collection: 'courier-payouts', data: data, depth: 0, overrideAccess: true, req })
  for (const item of fresh) {
    const sh = item.shipment
    const first = !sh.settlementRef
    await req.payload.update({
      collection: 'shipments',
      id: sh.id,
      depth: 0,
      overrideAccess: true,
      req,
      data: {
        settlementRef: first ? s.reference : sh.settlementRef,
        settledAt: first ? s.paidAt.toISOString() : sh.settledAt,
        settledAmount: (sh.settledAmount ?? 0) + Math.max(0, (item.collected ?? sh.codCollected ?? 0) - (item.deliveryFee ?? sh.deliveryFee ?? 0) - (item.codFee ?? sh.codFee ?? 0)),
        settlementCount: (sh.settlementCount ?? 0) + 1,
        ...(item.collected != null && sh.codCollected == null ? { codCollected: item.collected } : {}),
        ...(item.deliveryFee != null && sh.deliveryFee == null ? { deliveryFee: item.deliveryFee } : {}),
        ...(item.codFee != null && sh.codFee == null ? { codFee: item.codFee } : {}),
      },
    })
  }
  return { payout, added: fresh.length }
}
