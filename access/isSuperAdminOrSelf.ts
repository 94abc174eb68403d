import type { Access } from 'payload'

import { isSuperAdmin } from './isSuperAdmin'

/** Users collection: the super-admin, or a user acting on their own account. */
export const isSuperAdminOrSelf: Access = ({ req }) => {
  if (!req.user) return false
  if (isSuperAdmin(req.user)) return true
  return { id: { equals: req.user.id } }
}
