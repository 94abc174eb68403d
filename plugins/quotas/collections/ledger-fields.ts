import type { Access, CollectionConfig, Field } from 'payload'

import type { QuotasAccess } from '../options'

/** Nobody writes through the API; the platform writes with the Local API or SQL. */
const nobody: Access = () => false

/** The tenant column of the plugin's own collections (indexed; row-level security reads it). */
export const tenantField = (tenantsSlug: string): Field => ({
  name: 'tenant',
  type: 'relationship',
  relationTo: tenantsSlug as 'tenants',
  required: true,
  index: true,
  admin: { readOnly: true },
})

/** Written by the platform only; listed for the super-admin, shown to staff in the usage view. */
export const platformWritten = (read: NonNullable<CollectionConfig['access']>['read']): CollectionConfig['access'] => ({
  read,
  create: nobody,
  update: nobody,
  delete: nobody,
})

/** `admin.hidden`: listed in the nav for the super-admin only. */
export const superAdminOnlyInNav =
  ({ isSuperAdmin }: Pick<QuotasAccess, 'isSuperAdmin'>) =>
  ({ user }: { user: unknown }): boolean =>
    !isSuperAdmin(user)
