import type { Access, CollectionConfig } from 'payload'

import { isSuperAdmin } from '../access/isSuperAdmin'
import { administeredTenants } from '../access/usersAccess'
import { acceptInvitationEndpoint, previewInvitationEndpoint } from '../src/tenancy/invitations/endpoints'
import { TENANT_ROLE_LABELS, TENANT_ROLES } from '../src/tenancy/roles'

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked'] as const

/** The super-admin sees every invitation; a tenant-admin those of the usable shops it administers. */
const ownShopsInvitations: Access = async ({ req }) => {
  if (!req.user) return false
  if (isSuperAdmin(req.user)) return true
  const tenants = await administeredTenants(req)
  return tenants.length ? { tenant: { in: tenants } } : false
}

/**
 * Invitations into a shop (src/tenancy/invitations). A person joins a shop only by accepting one:
 * a single-use, expiring link emailed to the address; an existing account must be signed in as
 * itself to accept, a new one is created on acceptance. Written only by the invite and accept
 * endpoints; a tenant-admin revokes a pending one by deleting it. The token is stored hashed.
 */
export const Invitations: CollectionConfig = {
  slug: 'invitations',
  admin: {
    useAsTitle: 'email',
    group: 'Settings',
    defaultColumns: ['email', 'role', 'status', 'expiresAt', 'invitedBy', 'tenant'],
    description: 'People invited into a shop. Invite from the Users list; delete a pending invitation to revoke it.',
  },
  access: { create: () => false, update: () => false, read: ownShopsInvitations, delete: ownShopsInvitations },
  endpoints: [previewInvitationEndpoint, acceptInvitationEndpoint],
  fields: [
    { name: 'tenant', type: 'relationship', relationTo: 'tenants', required: true, index: true, admin: { readOnly: true } },
    { name: 'email', type: 'email', required: true, index: true, admin: { readOnly: true } },
    { name: 'role', type: 'select', required: true, options: TENANT_ROLES.map((value) => ({ label: TENANT_ROLE_LABELS[value], value })), admin: { readOnly: true } },
    { name: 'status', type: 'select', required: true, defaultValue: 'pending', index: true, options: [...INVITATION_STATUSES], admin: { readOnly: true } },
    { name: 'expiresAt', type: 'date', required: true, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'invitedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'acceptedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'tokenHash', type: 'text', required: true, unique: true, hidden: true, access: { read: () => false } },
  ],
}
