import type { User } from '../../payload-types'

/** The host's tenant roles, as its users collection stores them. */
export type BillingTenantRole = NonNullable<User['tenants']>[number]['role']

/**
 * The plugin's rows of the host's permission matrix (c = create, r = read, u = update, d = delete;
 * inside the role's own tenant). Everything here is written by the platform (Stripe's webhooks,
 * the plugin's jobs and endpoints); a shop's tenant-admin reads its own subscription, invoices and
 * metered usage pushes; the raw Stripe events are the super-admin's. No other role sees the shop's billing.
 */
export const BILLING_PERMISSIONS = {
  subscriptions: { 'tenant-admin': 'r', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
  invoices: { 'tenant-admin': 'r', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
  'billing-events': { 'tenant-admin': '', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
  'meter-pushes': { 'tenant-admin': 'r', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
} as const satisfies Record<string, Record<BillingTenantRole, string>>

/** The plugin's collections (all tenant-owned). */
export type BillingCollection = keyof typeof BILLING_PERMISSIONS
