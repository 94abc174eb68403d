import type { CollectionConfig } from 'payload'

import { isAuthenticated } from '../../access/isAuthenticated'
import { isSuperAdminFieldAccess } from '../../access/isSuperAdminFieldAccess'
import { canCreateUsers, canDeleteUsers, canManageUsers, canUnlockUsers } from '../../access/usersAccess'
import { auditChange, auditDelete } from '../../hooks/auditTrail'
import { accountJwtStrategy } from './auth-strategy'
import { auditFailedLogin, auditLogin } from './hooks/auditLogin'
import { blockInactiveTenantLogin, blockInactiveTenantRefresh } from './hooks/blockInactiveTenantLogin'
import { guardCredentials } from './hooks/guardCredentials'
import { membershipPrivacy } from './hooks/membershipPrivacy'
import { guardMemberships, guardUserDelete } from './hooks/guardMemberships'
import { signInContext } from './hooks/signInContext'
import { throttleAuth } from '../../src/ratelimit/throttle-auth'

export const PLATFORM_ROLES = ['super-admin', 'user'] as const

/**
 * Staff and platform accounts. Tenant memberships (with a role per tenant) live in the
 * `tenants` array that the multi-tenant plugin adds; see src/tenancy/roles.ts for the roles.
 * The plugin narrows `read` to users who share a tenant with the caller (and the caller).
 */
export const Users: CollectionConfig = {
  slug: 'users',
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'name', 'roles', 'updatedAt'],
    group: 'Platform',
    // People join a shop by invitation (src/tenancy/invitations).
    components: { beforeListTable: ['/src/tenancy/invitations/admin/InvitePanel#InvitePanel'] },
  },
  auth: {
    tokenExpiration: 60 * 60 * 8,
    maxLoginAttempts: 10,
    lockTime: 10 * 60 * 1000,
    // HTTPS-only in production; Lax keeps the session off cross-site POSTs (csrf: payload.config.ts).
    cookies: { secure: process.env.NODE_ENV === 'production', sameSite: 'Lax' },
    // Payload's JWT strategy, narrowed to the token's own account rows (row-level security).
    strategies: [accountJwtStrategy],
  },
  access: {
    create: canCreateUsers,
    delete: canDeleteUsers,
    read: isAuthenticated,
    unlock: canUnlockUsers,
    update: canManageUsers,
  },
  hooks: {
    // Sign-ins and password resets per IP and per email (src/ratelimit), before anything else.
    beforeOperation: [throttleAuth, signInContext, blockInactiveTenantRefresh],
    beforeChange: [guardCredentials, guardMemberships],
    afterRead: [membershipPrivacy],
    beforeDelete: [guardUserDelete],
    beforeLogin: [blockInactiveTenantLogin],
    afterChange: [auditChange],
    afterDelete: [auditDelete],
    afterLogin: [auditLogin],
    afterError: [auditFailedLogin],
  },
  fields: [
    {
      // Asked for when you change your own email or password (hooks/guardCredentials.ts); never stored or returned.
      name: 'currentPassword',
      type: 'text',
      virtual: true,
      access: { read: () => false },
      admin: {
        description: 'Needed to change your email or password.',
        condition: (data, _sibling, { user }) => Boolean(user && data?.id && String(user.id) === String(data.id)),
      },
    },
    {
      name: 'name',
      type: 'text',
      maxLength: 120,
    },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['user'],
      saveToJWT: true,
      options: [
        { label: 'Super admin (platform)', value: 'super-admin' },
        { label: 'User', value: 'user' },
      ],
      access: {
        create: isSuperAdminFieldAccess,
        update: isSuperAdminFieldAccess,
      },
      admin: {
        description: 'Platform role. Tenant roles are set per tenant below.',
      },
    },
  ],
}
