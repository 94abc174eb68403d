import type { CollectionConfig } from 'payload'

import { LIMITS, type QuotasAccess } from '../options'
import type { TenantRole } from '../permissions'
import { platformWritten, superAdminOnlyInNav, tenantField } from './ledger-fields'

export const USAGE_COUNTERS = 'usage-counters'

/**
 * The usage ledger: one row per tenant, monthly metric and calendar month (in the tenant's
 * timezone), counted up atomically by `consume()` (ledger.ts); and one running total per
 * tenant and count limit, period `total` (count-limits.ts).
 */
export const usageCounters = (tenantsSlug: string, access: QuotasAccess, readers: readonly TenantRole[]): CollectionConfig => ({
  slug: USAGE_COUNTERS,
  labels: { singular: 'Usage counter', plural: 'Usage ledger' },
  admin: { group: 'Usage', useAsTitle: 'period', defaultColumns: ['tenant', 'metric', 'period', 'count', 'updatedAt'], hidden: superAdminOnlyInNav(access) },
  access: platformWritten(access.readOwnTenants(readers)),
  indexes: [{ fields: ['tenant', 'metric', 'period'], unique: true }],
  fields: [
    tenantField(tenantsSlug),
    { name: 'metric', type: 'select', required: true, options: [...LIMITS] },
    { name: 'period', type: 'text', required: true, admin: { description: 'Calendar month in the tenant’s timezone (YYYY-MM), or `total` for a count limit.' } },
    { name: 'count', type: 'number', required: true, defaultValue: 0, min: 0 },
  ],
})
