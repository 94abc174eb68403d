import type { CollectionConfig } from 'payload'

import { isSuperAdminAccess } from '../access/isSuperAdmin'
import { isSuperAdminFieldAccess } from '../access/isSuperAdminFieldAccess'
import { auditChange, auditDelete } from '../hooks/auditTrail'
import { inviteEndpoint } from '../src/tenancy/invitations/endpoints'
import { auditLifecycle, refuseHardDelete, tenantLifecycle } from '../src/tenancy/lifecycle'
import { signupEndpoint, slugAvailableEndpoint } from '../src/tenancy/signup-endpoints'
import { sameTenantRelationsOfTenant } from '../hooks/sameTenantRelations'
import { tenantAdminOfThisTenant } from '../access/tenantAdminOfThisTenant'
import { tenantsRead } from '../access/tenantsRead'
import { CURRENCIES, DEFAULT_CURRENCY } from '../src/money/currencies'
import { onboardingField } from '../src/onboarding/field'
import { forgetTenant } from '../src/tenancy/tenant-cache'
import { validateHexColour, validateTimezone, withDefaultSettings } from '../src/tenancy/settings'
import { validateHostname, validateSlug } from '../src/tenancy/validate'

const platformOnly = { create: isSuperAdminFieldAccess, update: isSuperAdminFieldAccess }
const colour = (name: string) => ({ name, type: 'text' as const, validate: validateHexColour, admin: { width: '33%' } })

export const TENANT_STATUSES = ['trial', 'active', 'suspended', 'cancelled'] as const

/**
 * The tenant registry. Staff read only the tenants they belong to (the multi-tenant plugin adds
 * that constraint); a tenant-admin edits its own tenant's profile, settings and branding; slug,
 * status, plan, domains, trial and deletion are the super-admin's.
 */
export const Tenants: CollectionConfig = {
  slug: 'tenants',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'status', 'updatedAt'],
    group: 'Platform',
  },
  access: {
    create: isSuperAdminAccess,
    delete: isSuperAdminAccess,
    read: tenantsRead,
    update: tenantAdminOfThisTenant,
  },
  // Self-signup and invitations (src/tenancy/signup*.ts, src/tenancy/invitations).
  endpoints: [signupEndpoint, slugAvailableEndpoint, inviteEndpoint],
  hooks: {
    beforeChange: [({ data }) => ({ ...data, settings: withDefaultSettings(data.settings) }), sameTenantRelationsOfTenant, tenantLifecycle],
    // Resolution caches tenant rows for a few seconds (src/tenancy/tenant-cache.ts).
    afterChange: [auditChange, auditLifecycle, ({ doc }) => (forgetTenant(String(doc.id)), doc)],
    beforeDelete: [refuseHardDelete],
    afterDelete: [auditDelete, ({ doc, id }) => (forgetTenant(String(id)), doc)],
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: 120,
    },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 63,
      validate: validateSlug,
      access: platformOnly,
      admin: {
        description: 'URL-safe identifier: lowercase letters, digits and single hyphens (e.g. "acme-shop").',
      },
    },
    {
      name: 'displayName',
      type: 'text',
      maxLength: 120,
      admin: { description: 'Name shown to customers; falls back to the name.' },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'trial',
      index: true,
      access: platformOnly,
      options: TENANT_STATUSES.map((value) => ({
        label: value.charAt(0).toUpperCase() + value.slice(1),
        value,
      })),
    },
    {
      name: 'domains',
      type: 'array',
      labels: { singular: 'Domain', plural: 'Domains' },
      access: platformOnly,
      admin: { description: 'Custom host names that resolve to this tenant’s storefront.' },
      fields: [
        {
          name: 'domain',
          type: 'text',
          required: true,
          unique: true,
          validate: validateHostname,
        },
      ],
    },
    {
      name: 'suspendedReason',
      type: 'text',
      maxLength: 300,
      access: platformOnly,
      admin: {
        condition: (data) => data?.status === 'suspended',
        description: 'Required to suspend: its staff are told it when they try to sign in.',
      },
    },
    { name: 'suspendedAt', type: 'date', access: platformOnly, admin: { readOnly: true, condition: (data) => data?.status === 'suspended' } },
    // The status a soft-deleted tenant returns to when restored (src/tenancy/lifecycle.ts).
    { name: 'statusBeforeDeletion', type: 'select', options: [...TENANT_STATUSES], access: platformOnly, admin: { hidden: true } },
    // Trial-end warnings already sent (src/tenancy/trial-expiry.ts).
    { name: 'trialWarnings', type: 'select', hasMany: true, options: ['7d', '1d'], access: platformOnly, admin: { hidden: true } },
    { name: 'plan', type: 'relationship', relationTo: 'plans', access: platformOnly, index: true },
    { name: 'trialEndsAt', type: 'date', access: platformOnly },
    {
      type: 'row',
      fields: [
        { name: 'timezone', type: 'text', defaultValue: 'Asia/Dhaka', validate: validateTimezone },
        { name: 'currency', type: 'select', defaultValue: DEFAULT_CURRENCY, options: [...CURRENCIES] },
      ],
    },
    { name: 'settings', type: 'json', admin: { description: 'Missing keys are filled with the defaults on save.' } },
    {
      name: 'branding',
      type: 'group',
      fields: [
        { name: 'logo', type: 'upload', relationTo: 'media' },
        { type: 'row', fields: [colour('primaryColor'), colour('secondaryColor'), colour('accentColor')] },
        { name: 'customCss', type: 'code', admin: { language: 'css' }, maxLength: 20_000 },
        {
          name: 'theme',
          type: 'select',
          defaultValue: 'auto',
          options: ['light', 'dark', 'auto'],
        },
      ],
    },
    // The setup wizard's saved progress (src/onboarding).
    onboardingField,
    // Counter behind per-tenant order numbers (collections/Orders/hooks/assignNumber.ts).
    { name: 'orderSequence', type: 'number', defaultValue: 0, hidden: true, access: { read: () => false, create: () => false, update: () => false } },
    {
      name: 'deletedAt',
      type: 'date',
      index: true,
      access: platformOnly,
      admin: {
        position: 'sidebar',
        description: 'Set to delete the tenant (softly: it becomes cancelled and can be restored by clearing this for TENANT_RETENTION_DAYS, default 30); then the purge job removes its data.',
      },
    },
  ],
}
