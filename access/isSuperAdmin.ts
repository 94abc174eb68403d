import type { Access } from 'payload'

import type { User } from '../payload-types'

/** True when the user holds the platform-wide `super-admin` role (outside any tenant). */
export const isSuperAdmin = (user: null | Partial<User> | undefined): boolean => Boolean(user?.roles?.includes('super-admin'))

/** Collection access: only the platform super-admin. */
export const isSuperAdminAccess: Access = ({ req }) => isSuperAdmin(req.user)
