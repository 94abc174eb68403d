import type { CollectionConfig } from 'payload'

import { isAuthenticated } from '../access/isAuthenticated'
import { isSuperAdminAccess } from '../access/isSuperAdmin'
import { validateHostname, validateSlug } from '../src/tenancy/validate'

export const TENANT_STATUSES = ['trial', 'active', 'suspended', 'cancelled'] as const

/**
 * The tenant registry. Staff read only the tenants they belong to (the multi-tenant plugin adds
 * that constraint); only the super-admin creates, edits or deletes tenants.
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
    read: isAuthenticated,
    update: isSuperAdminAccess,
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
      options: TENANT_STATUSES.map((value) => ({
        label: value.charAt(0).toUpperCase() + value.slice(1),
        value,
      })),
    },
    {
      name: 'domains',
      type: 'array',
      labels: { singular: 'Domain', plural: 'Domains' },
      admin: { description: 'Custom host names that resolve to this tenant’s storefront.' },
      fields: [
        {
          name: 'domain',
          type: 'text',
          required: true,
          validate: validateHostname,
        },
      ],
    },
  ],
}
