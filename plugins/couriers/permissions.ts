import type { User } from '../../payload-types'

/** The host's tenant roles, as its users collection stores them. */
export type CourierTenantRole = NonNullable<User['tenants']>[number]['role']

/**
 * The plugin's rows of the host's permission matrix (c = create, r = read, u = update, d = delete;
 * inside the role's own tenant). Shipments are created by booking (the `book` endpoint, which
 * needs `orders` update) and moved by the courier; staff who may update them may cancel, refresh
 * and note them. Courier events are the courier's raw webhooks. Payouts are written by the
 * courier (API, webhook) or by a tenant-admin marking a shipment settled or importing a payout sheet
 * (endpoints that ask for the right to update courier accounts: money is the account owner's).
 */
export const COURIER_PERMISSIONS = {
  shipments: { 'tenant-admin': 'ru', 'marketing-manager': '', 'sales-operator': 'ru', 'support-agent': 'r' },
  'courier-events': { 'tenant-admin': 'r', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
  'courier-payouts': { 'tenant-admin': 'r', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
} as const satisfies Record<string, Record<CourierTenantRole, string>>

/** The plugin's collections (all tenant-owned). */
export type CourierCollection = keyof typeof COURIER_PERMISSIONS

/** Staff may update only these fields of a shipment; everything else is the courier's. */
export const COURIER_FIELD_LIMITS = {
  shipments: { 'tenant-admin': ['notes'], 'sales-operator': ['notes'] },
} as const satisfies Partial<Record<CourierCollection, Partial<Record<CourierTenantRole, readonly string[]>>>>
