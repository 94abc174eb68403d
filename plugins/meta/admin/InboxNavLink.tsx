'use client'

import { useAuth } from '@payloadcms/ui'
import React from 'react'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import type { User } from '../../../payload-types'
import { AdminNavLink } from '../../../src/admin/AdminNavLink'
import { memberships } from '../../../src/tenancy/memberships'

/** "Inbox" in the admin's side nav: for the super-admin and for staff of any shop (any role). */
export function InboxNavLink() {
  const { user } = useAuth<User>()
  if (!user || !(isSuperAdmin(user) || memberships(user).length > 0)) return null
  return <AdminNavLink path="/inbox" label="Inbox" id="nav-inbox" />
}
