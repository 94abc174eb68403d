import type { FieldAccess } from 'payload'

import { isSuperAdmin } from './isSuperAdmin'

/** Field access: only the platform super-admin may set or change this field. */
export const isSuperAdminFieldAccess: FieldAccess = ({ req }) => isSuperAdmin(req.user)
