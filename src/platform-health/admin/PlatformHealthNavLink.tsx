'use client'

import { useAuth } from '@payloadcms/ui'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import type { User } from '../../../payload-types'
import { AdminNavLink } from '../../admin/AdminNavLink'

/** "Platform health" in the side nav, for the super-admin only. */
export function PlatformHealthNavLink() {
  const { user } = useAuth<User>()
  return isSuperAdmin(user) ? <AdminNavLink path="/platform-health" label="Platform health" id="nav-platform-health" /> : null
}
