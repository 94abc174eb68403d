import type { CollectionConfig } from 'payload'

import type { ResolvedCouriersOptions } from '../options'
import { PROVIDERS } from '../providers/types'
import { moneyField } from './Shipments'

export const PAYOUT_SOURCES = ['api', 'webhook', 'csv', 'manual'] as const

/**
 * Money a courier paid the shop for collected cash (README, "Cash on delivery"): a Steadfast
 * payment (read from its API), a Pathao payout invoice (`order.paid` webhooks carrying its
 * invoice id), a RedX payout sheet (CSV import), or a tenant-admin's "mark settled". Each lists
 * the parcels it paid; a parcel listed by two payouts is flagged "settled twice".
 */
export function courierPayoutsCollection(options: ResolvedCouriersOptions): CollectionConfig {
  return options.tenantOwned({
    slug: 'courier-payouts',
    admin: { useAsTitle: 'reference', defaultColumns: ['reference', 'provider', 'amount', 'source', 'paidAt'], group: 'Delivery', description: 'What your couriers paid out for collected cash.' },
    // Written by the plugin's endpoints and jobs (which check the caller's role); no tenant role
    // writes one through the API (the matrix).
    indexes: [{ fields: ['account', 'reference'], unique: true }],
    fields: [
      { name: 'account', type: 'relationship', relationTo: 'couriers', required: true },
      { name: 'provider', type: 'select', required: true, options: [...PROVIDERS] },
      { name: 'reference', type: 'text', required: true },
      {
        type: 'row',
        fields: [
          moneyField(options, 'amount', undefined, true),
          { name: 'currency', type: 'text', required: true, defaultValue: 'BDT' },
          { name: 'status', type: 'text' },
          { name: 'source', type: 'select', required: true, options: [...PAYOUT_SOURCES] },
        ],
      },
      { name: 'paidAt', type: 'date' },
      {
        name: 'items',
        type: 'array',
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'shipment', type: 'relationship', relationTo: 'shipments' },
              { name: 'consignmentId', type: 'text' },
              { name: 'invoice', type: 'text' },
              { name: 'trackingCode', type: 'text' },
            ],
          },
          {
            type: 'row',
            fields: [moneyField(options, 'collected'), moneyField(options, 'deliveryFee'), moneyField(options, 'codFee')],
          },
        ],
      },
      { name: 'note', type: 'text', maxLength: 500 },
    ],
  })
}
