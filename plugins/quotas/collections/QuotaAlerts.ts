import type { CollectionConfig } from 'payload'

import { LIMITS, type QuotasAccess } from '../options'
import type { TenantRole } from '../permissions'
import { platformWritten, tenantField } from './ledger-fields'

export const QUOTA_ALERTS = 'quota-alerts'

/**
 * One row per tenant, limit, threshold and month: recorded when usage first reaches the
 * threshold (the unique index makes it once), emailed to the tenant-admins by a job.
 */
export const quotaAlerts = (tenantsSlug: string, access: QuotasAccess, readers: readonly TenantRole[]): CollectionConfig => ({
  slug: QUOTA_ALERTS,
  labels: { singular: 'Quota alert', plural: 'Quota alerts' },
  admin: { group: 'Usage', defaultColumns: ['limit', 'threshold', 'used', 'max', 'period', 'emailedAt', 'tenant'] },
  access: platformWritten(access.readOwnTenants(readers)),
  defaultSort: '-createdAt',
  indexes: [{ fields: ['tenant', 'limit', 'threshold', 'period'], unique: true }],
  fields: [
    tenantField(tenantsSlug),
    { name: 'limit', type: 'select', required: true, options: [...LIMITS] },
    { name: 'threshold', type: 'number', required: true, admin: { description: 'Percent of the limit reached (80, 100).' } },
    { name: 'period', type: 'text', required: true },
    {
      type: 'row',
      fields: [
        { name: 'used', type: 'number', required: true },
        { name: 'max', type: 'number', required: true },
      ],
    },
    { name: 'emailedTo', type: 'text', admin: { description: 'The tenant-admins the alert was sent to.' } },
    { name: 'emailedAt', type: 'date' },
  ],
})
