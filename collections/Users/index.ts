import type { CollectionConfig } from 'payload'

import { isAuthenticated } from '../../access/isAuthenticated'
import { isSuperAdminFieldAccess } from '../../access/isSuperAdminFieldAccess'
import { canCreateUsers, canDeleteUsers, canManageUsers } from '../../access/usersAccess'
import { auditChange, auditDelete } from '../../hooks/auditTrail'
import { auditFailedLogin, auditLogin } from './hooks/auditLogin'
import { blockInactiveTenantLogin } from './hooks/blockInactiveTenantLogin'
import { guardMemberships, guardUserDelete } from './hooks/guardMemberships'
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
  },
  auth: {
    tokenExpiration: 60 * 60 * 8,
    maxLoginAttempts: 10,
    lockTime: 10 * 60 * 1000,
    // HTTPS-only in production; Lax keeps the session off cross-site POSTs (csrf: payload.config.ts).
    cookies: { secure: process.env.NODE_ENV === 'production', sameSite: 'Lax' },
  },
  access: {
    create: canCreateUsers,
    delete: canDeleteUsers,
    read: isAuthenticated,
    update: canManageUsers,
  },
  hooks: {
    // Sign-ins and password resets per IP and per email (src/ratelimit), before anything else.
    beforeOperation: [throttleAuth],
    beforeChange: [guardMemberships],
    beforeDelete: [guardUserDelete],
    beforeLogin: [blockInactiveTenantLogin],
    afterChange: [auditChange],
    afterDelete: [auditDelete],
    afterLogin: [auditLogin],
    afterError: [auditFailedLogin],
  },
  fields: [
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
