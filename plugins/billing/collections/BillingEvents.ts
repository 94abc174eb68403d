import type { CollectionConfig } from 'payload'

import type { ResolvedBillingOptions } from '../options'
import { platformField } from './platform-field'

/**
 * Each Stripe event, stored once by its id when its signature checks out (README, "Webhooks"),
 * for the shop it is about, then applied by `billingProcessEvents`. Read by the super-admin only.
 */
export function billingEventsCollection(options: ResolvedBillingOptions): CollectionConfig {
  const system = platformField(options)
  return options.tenantOwned({
    slug: 'billing-events',
    admin: {
      useAsTitle: 'type',
      defaultColumns: ['type', 'state', 'stripeCreated'],
      group: 'Billing',
      hidden: ({ user }) => !options.access.isSuperAdmin(user as Parameters<typeof options.access.isSuperAdmin>[0]),
    },
    audit: false,
    fields: [
      system({ name: 'eventId', type: 'text', required: true, unique: true }),
      system({ name: 'type', type: 'text', required: true, index: true }),
      system({ name: 'stripeCreated', type: 'number', required: true }),
      system({ name: 'state', type: 'select', required: true, defaultValue: 'pending', options: ['pending', 'done', 'failed'], index: true }),
      system({ name: 'attempts', type: 'number', defaultValue: 0 }),
      system({ name: 'error', type: 'text' }),
      system({ name: 'payload', type: 'json', required: true }),
    ],
  })
}
