import type { User } from '../../payload-types'
import { QUOTA_ALERTS } from './collections/QuotaAlerts'
import { USAGE_COUNTERS } from './collections/UsageCounters'
import { USAGE_SNAPSHOTS } from './collections/UsageSnapshots'

/** A tenant role of the host (the multi-tenant plugin's tenants array, typed by payload-types). */
export type TenantRole = NonNullable<User['tenants']>[number]['role']

/**
 * The plugin's rows of the permission matrix, in its shape (c r u d per tenant role, inside the
 * role's own usable tenants): the ledger and snapshots are read by all staff of the tenant,
 * alerts by its tenant-admins (whom they are emailed to). Nobody writes any of them through the
 * API; the platform does (Local API, SQL). The super-admin reads everything.
 */
export const QUOTA_PERMISSIONS = {
  [USAGE_COUNTERS]: { 'tenant-admin': 'r', 'marketing-manager': 'r', 'sales-operator': 'r', 'support-agent': 'r' },
  [QUOTA_ALERTS]: { 'tenant-admin': 'r', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
  [USAGE_SNAPSHOTS]: { 'tenant-admin': 'r', 'marketing-manager': 'r', 'sales-operator': 'r', 'support-agent': 'r' },
} as const satisfies Record<string, Record<TenantRole, '' | 'r'>>

/** The roles that read one of the plugin's collections. */
export const readersOf = (slug: keyof typeof QUOTA_PERMISSIONS): TenantRole[] =>
  (Object.entries(QUOTA_PERMISSIONS[slug]) as [TenantRole, string][]).filter(([, letters]) => letters.includes('r')).map(([role]) => role)
