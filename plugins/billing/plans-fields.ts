import type { CollectionConfig, Field } from 'payload'

import { METERED_METRICS } from './host'
import { queueSyncOnPriceChange } from './jobs/sync-prices-task'
import type { ResolvedBillingOptions } from './options'

/**
 * The host's plans get what billing needs (README, "Plans and prices"): the Stripe product and
 * the monthly and yearly prices the last sync made (with the amounts they were made for, so a
 * changed price is seen), and per metered limit an optional overage unit price with its meter
 * and metered price. The price amounts themselves stay the plan's own `priceMonthly` /
 * `priceYearly` / `currency`: one place.
 */
export function withPlanBillingFields(collection: CollectionConfig, options: ResolvedBillingOptions): CollectionConfig {
  const system = (field: Field): Field => ({ ...field, access: options.access.systemOnly, admin: { ...field.admin, readOnly: true } }) as Field
  const stripe: Field = {
    name: 'stripe',
    type: 'group',
    admin: { description: 'Written by “Sync prices with Stripe”; never by hand.' },
    fields: [
      system({ name: 'productId', type: 'text' }),
      { type: 'row', fields: [system({ name: 'monthlyPriceId', type: 'text' }), system({ name: 'monthlyAmount', type: 'number' })] },
      { type: 'row', fields: [system({ name: 'yearlyPriceId', type: 'text' }), system({ name: 'yearlyAmount', type: 'number' })] },
      { type: 'row', fields: [system({ name: 'currency', type: 'text' }), system({ name: 'syncedAt', type: 'date' })] },
    ],
  }
  const overage: Field = {
    name: 'overage',
    type: 'array',
    admin: { description: 'Usage above the included amount billed per unit (a Stripe meter). A limit without a row is refused at its maximum.' },
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'metric', type: 'select', required: true, options: [...METERED_METRICS] },
          { name: 'unitPrice', type: 'number', required: true, min: 1, admin: { description: 'Per unit above the included amount, in minor units of the plan’s currency.' } },
        ],
      },
      { type: 'row', fields: [system({ name: 'meterId', type: 'text' }), system({ name: 'priceId', type: 'text' }), system({ name: 'syncedUnitPrice', type: 'number' })] },
    ],
    validate: (rows: unknown) => {
      const metrics = (Array.isArray(rows) ? rows : []).map((r) => (r as { metric?: string }).metric)
      return new Set(metrics).size === metrics.length || 'Each metric at most once.'
    },
  }
  return { ...collection, fields: [...collection.fields, stripe, overage], hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), queueSyncOnPriceChange(options)] } }
}
