import type { CollectionConfig } from 'payload'

import type { ResolvedCouriersOptions } from '../options'
import { PROVIDERS } from '../providers/types'

export const EVENT_STATES = ['pending', 'processing', 'done', 'ignored', 'failed'] as const

/**
 * Every webhook delivery a courier sent, raw, stored once per (account, event key) before it is
 * acknowledged, then applied by the `courierProcessEvents` job (README, "Tracking"). Read-only to
 * tenant-admins (what the courier said, and what became of it); the system writes it.
 */
export function courierEventsCollection(options: ResolvedCouriersOptions): CollectionConfig {
  return options.tenantOwned({
    slug: 'courier-events',
    audit: false,
    admin: { useAsTitle: 'key', defaultColumns: ['provider', 'kind', 'rawStatus', 'state', 'createdAt'], group: 'Delivery', description: 'What your couriers’ webhooks said, as received.' },
    indexes: [{ fields: ['account', 'key'], unique: true }, { fields: ['tenant', 'state'] }],
    fields: [
      { name: 'account', type: 'relationship', relationTo: 'couriers', required: true },
      { name: 'provider', type: 'select', required: true, options: [...PROVIDERS] },
      { name: 'key', type: 'text', required: true },
      { name: 'kind', type: 'select', required: true, options: ['status', 'tracking', 'payout', 'handshake', 'store'] },
      { name: 'consignmentId', type: 'text' },
      { name: 'trackingCode', type: 'text' },
      { name: 'invoice', type: 'text' },
      { name: 'rawStatus', type: 'text' },
      { name: 'event', type: 'json', required: true, admin: { description: 'The event as parsed (amounts in minor units).' } },
      { name: 'shipment', type: 'relationship', relationTo: 'shipments' },
      { name: 'state', type: 'select', required: true, defaultValue: 'pending', options: [...EVENT_STATES] },
      { name: 'attempts', type: 'number', defaultValue: 0 },
      { name: 'error', type: 'text' },
    ],
  })
}
