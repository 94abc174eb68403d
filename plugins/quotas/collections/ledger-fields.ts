import type { CollectionConfig, Field } from 'payload'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { nobody } from '../../../access/readOwnTenants'

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

export const superAdminOnlyInNav = ({ user }: { user: unknown }) => !isSuperAdmin(user as never)
