import { AI_PERMISSIONS } from '../plugins/ai'
import { BILLING_PERMISSIONS } from '../plugins/billing'
import { BRANDING_PERMISSIONS } from '../plugins/branding'
import { COURIER_FIELD_LIMITS, COURIER_PERMISSIONS } from '../plugins/couriers'
import { DASHBOARDS_PERMISSIONS } from '../plugins/dashboards'
import { META_FIELD_LIMITS, META_PERMISSIONS } from '../plugins/meta'
import type { TenantRole } from '../src/tenancy/roles'

/**
 * The permission matrix: what each tenant role may do in each tenant-owned collection, inside
 * its own tenant only. c = create, r = read, u = update, d = delete. The super-admin may do
 * everything everywhere; anonymous storefront callers are handled in storefront.ts.
 * (support-agent reads products: an order it may edit the notes of references them, and
 * Payload validates every relationship of the document against the caller's read access; for
 * the same reason the inbox roles read the pages and numbers their conversations came in on, and
 * sales-operators the courier accounts they book shipments with —
 * tokens are never readable.)
 * README's permission table and tests/int/permissions-matrix.test.ts are generated from this.
 */
export const PERMISSIONS = {
  media: { 'tenant-admin': 'crud', 'marketing-manager': 'crud', 'sales-operator': 'r', 'support-agent': 'r' },
  products: { 'tenant-admin': 'crud', 'marketing-manager': 'r', 'sales-operator': 'ru', 'support-agent': 'r' },
  customers: { 'tenant-admin': 'crud', 'marketing-manager': 'r', 'sales-operator': 'cru', 'support-agent': 'ru' },
  orders: { 'tenant-admin': 'crud', 'marketing-manager': '', 'sales-operator': 'cru', 'support-agent': 'ru' },
  pages: { 'tenant-admin': 'crud', 'marketing-manager': 'crud', 'sales-operator': 'r', 'support-agent': 'r' },
  numbers: { 'tenant-admin': 'crud', 'marketing-manager': 'crud', 'sales-operator': 'r', 'support-agent': 'r' },
  couriers: { 'tenant-admin': 'crud', 'marketing-manager': '', 'sales-operator': 'r', 'support-agent': '' },
  leads: { 'tenant-admin': 'crud', 'marketing-manager': 'crud', 'sales-operator': '', 'support-agent': 'r' },
  'api-keys': { 'tenant-admin': 'crud', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
  // The inbox's collections: the meta plugin owns their rows (plugins/meta/permissions.ts).
  ...META_PERMISSIONS,
  // Shipments, courier events and payouts: the courier plugin's (plugins/couriers/permissions.ts).
  ...COURIER_PERMISSIONS,
  // Subscriptions, invoices, Stripe events, metered pushes: the billing plugin's (plugins/billing/permissions.ts).
  ...BILLING_PERMISSIONS,
  // The shop's versioned settings and branding: the branding plugin's (plugins/branding/permissions.ts).
  ...BRANDING_PERMISSIONS,
  // Who may export the shop's reports: the dashboards plugin's (plugins/dashboards/reports/settings.ts).
  ...DASHBOARDS_PERMISSIONS,
  // The shop's AI settings and usage ledger: the AI plugin's (plugins/ai/permissions.ts).
  ...AI_PERMISSIONS,
} as const satisfies Record<string, Record<TenantRole, string>>

/**
 * Where a role may update only some fields of a collection (everything else is read-only to it).
 * sales-operator: stock only on products; support-agent: notes only on customers and orders.
 */
export const FIELD_LIMITS: Partial<Record<TenantCollection, Partial<Record<TenantRole, readonly string[]>>>> = {
  products: { 'sales-operator': ['stock'] },
  customers: { 'support-agent': ['notes'] },
  orders: { 'support-agent': ['notes'] },
  ...META_FIELD_LIMITS,
  ...COURIER_FIELD_LIMITS,
}

export type TenantCollection = keyof typeof PERMISSIONS
export type Operation = 'create' | 'read' | 'update' | 'delete'

const LETTER: Record<Operation, string> = { create: 'c', read: 'r', update: 'u', delete: 'd' }

/** The tenant roles allowed to perform `operation` on `collection`. */
export function rolesAllowed(collection: TenantCollection, operation: Operation): TenantRole[] {
  const row = PERMISSIONS[collection] as Record<TenantRole, string>
  return (Object.keys(row) as TenantRole[]).filter((role) => row[role].includes(LETTER[operation]))
}
