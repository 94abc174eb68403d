import { isSuperAdmin } from '../../access/isSuperAdmin'
import { tenantOwned } from '../../collections/tenantOwned'
import { checks, type BrandingPluginOptions, type Schema } from '../../plugins/branding'
import { DEFAULT_COURIER_SETTINGS } from '../../plugins/couriers'
import { formatMoney, minorDigits } from '../fields/money'
import { systemReqFor } from '../audit/system-req'
import { decryptSecret } from '../crypto'
import { REVEAL_SECRETS, secretField } from '../fields/secret-field'
import { endpointTenant } from '../tenancy/endpoint-tenant'
import { memberships } from '../tenancy/memberships'
import { SELECTED_TENANT_COOKIE, tenantOfHostName } from '../tenancy/resolve-tenant'
import { runWithTenant } from '../tenancy/request-context'
import type { TenantRole } from '../tenancy/roles'
import { scopeOf } from '../tenancy/scope'
import { DEFAULT_TENANT_SETTINGS } from '../tenancy/settings'

const HHMM = { re: /^(?:[01]\d|2[0-3]):[0-5]\d$/, message: 'A time like 09:00 (24-hour).' }

/**
 * Every setting a shop may configure (GET/PUT /api/tenant/config; README, "Configuration API"),
 * with its default and check: the app's own (src/tenancy/settings.ts) and the courier plugin's.
 */
export const CONFIG_SCHEMA: Schema = {
  orderNumberPrefix: {
    default: DEFAULT_TENANT_SETTINGS.orderNumberPrefix,
    check: checks.text(10, { nullable: true, pattern: { re: /^[A-Z0-9-]*$/, message: 'Capital letters, digits and dashes.' } }),
    description: 'Before every order number, e.g. ACME-.',
  },
  lowStockThreshold: { default: DEFAULT_TENANT_SETTINGS.lowStockThreshold, check: checks.integer(0, 1_000_000), description: 'A product at or below this stock is “low”.' },
  defaultPaymentMethod: { default: DEFAULT_TENANT_SETTINGS.defaultPaymentMethod, check: checks.oneOf(['cod', 'prepaid']), description: 'For storefront orders that name none.' },
  businessHours: {
    default: DEFAULT_TENANT_SETTINGS.businessHours,
    check: checks.object({ start: checks.text(5, { pattern: HHMM }), end: checks.text(5, { pattern: HHMM }) }),
    description: 'The inbox’s “outside business hours” automation, in the shop’s time zone.',
  },
  notifyOnNewOrder: { default: DEFAULT_TENANT_SETTINGS.notifyOnNewOrder, check: checks.boolean(), description: 'Email the tenant-admins about each new order.' },
  couriers: {
    default: DEFAULT_COURIER_SETTINGS,
    check: checks.object({ riskThreshold: checks.integer(0, 100), settleAfterDays: checks.integer(1, 90), pollAfterHours: checks.integer(1, 168) }),
    description: 'Cash-order risk threshold (% delivered), days before an unpaid delivery is flagged, hours before a quiet parcel is asked about.',
  },
  moneyLocale: { default: 'en-BD', check: checks.oneOf(['en-BD', 'bn-BD']), description: 'How amounts are written in the admin and emails (bn-BD: Bangla digits).' },
}

/** The app's pieces the branding plugin works with (plugins/branding/README.md, "Host pieces"). */
export const brandingHost: BrandingPluginOptions = {
  // Shop-defined fields on these (plugins/branding/README.md, "Custom fields").
  customFields: { collections: ['products', 'customers', 'orders', 'leads'] },
  access: { isSuperAdmin },
  tenantOwned,
  tenancy: {
    runWithTenant,
    endpointTenant: (req, options) => endpointTenant(req, { ...options, roles: options.roles as readonly TenantRole[] }),
    storefrontTenant: async (req) => {
      const scope = await scopeOf(req)
      return scope.kind === 'tenants' && !scope.userId ? (scope.tenantIds[0] ?? null) : null
    },
  },
  configSchema: CONFIG_SCHEMA,
  admin: {
    viewedTenant: async (user, cookies) => {
      if (!user) return null
      const selected = cookies.get(SELECTED_TENANT_COOKIE)?.trim() || null
      if (isSuperAdmin(user)) return selected
      const mine = memberships(user).map((m) => m.tenant)
      return selected && mine.includes(selected) ? selected : (mine[0] ?? null)
    },
    tenantOfHost: async (payload, host) => (await tenantOfHostName(payload, host))?.id ?? null,
  },
  systemReq: systemReqFor,
  // The shops' SMTP passwords: the host's write-only secret field, encrypted at rest (src/crypto).
  secrets: { secretField, revealKey: REVEAL_SECRETS, decrypt: decryptSecret },
  platform: { name: process.env.EMAIL_FROM_NAME ?? 'e-merkater', serverUrl: () => process.env.SERVER_URL ?? '' },
  money: { format: (minor, currency) => formatMoney(minor, currency), minorDigits },
}
