import type { Access } from 'payload'

/**
 * Any signed-in user. On tenant-scoped collections the multi-tenant plugin wraps this and
 * narrows it to `tenant in <the user's tenants>` for everyone but the super-admin.
 */
export const isAuthenticated: Access = ({ req }) => Boolean(req.user)
