import type { User } from '../../payload-types'

export type BrandingTenantRole = NonNullable<User['tenants']>[number]['role']

/**
 * The plugin's rows of the host's permission matrix: a shop's settings and branding (one
 * versioned document per shop) and its custom field definitions are written by its tenant-admins
 * and read by its other staff; its mail settings are its tenant-admins' alone.
 */
export const BRANDING_PERMISSIONS = {
  'shop-settings': { 'tenant-admin': 'ru', 'marketing-manager': 'r', 'sales-operator': 'r', 'support-agent': 'r' },
  // The shop's own SMTP server (host, login, an encrypted password): its tenant-admins only.
  'mail-settings': { 'tenant-admin': 'crud', 'marketing-manager': '', 'sales-operator': '', 'support-agent': '' },
  // Every staff member's forms show the shop's custom fields; its tenant-admins define them.
  'custom-field-definitions': { 'tenant-admin': 'crud', 'marketing-manager': 'r', 'sales-operator': 'r', 'support-agent': 'r' },
} as const satisfies Record<string, Record<BrandingTenantRole, string>>

export type BrandingCollection = keyof typeof BRANDING_PERMISSIONS
