import type { CollectionConfig } from 'payload'

import { readOwnTenants } from '../../../access/readOwnTenants'
import { PERIODIC_LIMITS } from '../options'
import { platformWritten, superAdminOnlyInNav, tenantField } from './ledger-fields'

export const USAGE_COUNTERS = 'usage-counters'

/**
 * The usage ledger: one row per tenant, monthly metric and calendar month (in the tenant's
 * timezone), counted up atomically by `consume()` (plugins/quotas/ledger.ts).
 */
export const usageCounters = (tenantsSlug: string): CollectionConfig => ({
  slug: USAGE_COUNTERS,
  labels: { singular: 'Usage counter', plural: 'Usage ledger' },
  admin: { group: 'Usage', useAsTitle: 'period', defaultColumns: ['tenant', 'metric', 'period', 'count', 'updatedAt'], hidden: superAdminOnlyInNav },
  access: platformWritten(readOwnTenants()),
  indexes: [{ fields: ['tenant', 'metric', 'period'], unique: true }],
  fields: [
    tenantField(tenantsSlug),
    { name: 'metric', type: 'select', required: true, options: [...PERIODIC_LIMITS] },
    { name: 'period', type: 'text', required: true, admin: { description: 'Calendar month in the tenant’s timezone (YYYY-MM).' } },
    { name: 'count', type: 'number', required: true, defaultValue: 0, min: 0 },
  ],
})
