import type { CollectionConfig } from 'payload'

import type { QuotasAccess } from '../options'
import type { TenantRole } from '../permissions'
import { platformWritten, superAdminOnlyInNav, tenantField } from './ledger-fields'

export const USAGE_SNAPSHOTS = 'usage-snapshots'

/** A tenant's usage of every limit on one day (its timezone), taken by the daily job. */
export const usageSnapshots = (tenantsSlug: string, access: QuotasAccess, readers: readonly TenantRole[]): CollectionConfig => ({
  slug: USAGE_SNAPSHOTS,
  labels: { singular: 'Usage snapshot', plural: 'Usage snapshots' },
  admin: { group: 'Usage', useAsTitle: 'day', defaultColumns: ['tenant', 'day', 'updatedAt'], hidden: superAdminOnlyInNav(access) },
  access: platformWritten(access.readOwnTenants(readers)),
  defaultSort: '-day',
  indexes: [{ fields: ['tenant', 'day'], unique: true }],
  fields: [
    tenantField(tenantsSlug),
    { name: 'day', type: 'text', required: true, admin: { description: 'YYYY-MM-DD in the tenant’s timezone.' } },
    { name: 'usage', type: 'json', required: true, admin: { description: '{ limit: used } for every limit.' } },
  ],
})
