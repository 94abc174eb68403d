import type { CollectionConfig } from 'payload'

import { METERED_METRICS } from '../host'
import type { ResolvedBillingOptions } from '../options'
import { platformField } from './platform-field'

/**
 * One metered-usage report to Stripe (README, "Usage-based billing"): tenant × metric × hour,
 * with the deterministic identifier Stripe deduplicates on. The value is fixed when the row is
 * written, so a retry sends the same event and can never bill twice.
 */
export function meterPushesCollection(options: ResolvedBillingOptions): CollectionConfig {
  const system = platformField(options)
  return options.tenantOwned({
    slug: 'meter-pushes',
    admin: { useAsTitle: 'identifier', defaultColumns: ['metric', 'hour', 'value', 'state'], group: 'Billing' },
    audit: false,
    fields: [
      system({ name: 'identifier', type: 'text', required: true, unique: true }),
      system({ name: 'metric', type: 'select', required: true, options: [...METERED_METRICS] }),
      system({ name: 'period', type: 'text', required: true, index: true }),
      system({ name: 'hour', type: 'date', required: true }),
      system({ name: 'value', type: 'number', required: true, min: 0 }),
      system({ name: 'state', type: 'select', required: true, defaultValue: 'pending', options: ['pending', 'sent', 'failed'] }),
      system({ name: 'error', type: 'text' }),
      system({ name: 'sentAt', type: 'date' }),
    ],
  })
}
