'use client'

import { Link, useAuth, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import type { User } from '../../../payload-types'
import { memberships } from '../../../src/tenancy/memberships'

/**
 * "Inbox" in the admin's side nav (`admin.components.afterNavLinks`), styled like Payload's own
 * links: for the super-admin and for staff of any shop (any role), hidden from everyone else.
 */
export function InboxNavLink() {
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  const { user } = useAuth<User>()
  const pathname = usePathname()
  if (!user || !(isSuperAdmin(user) || memberships(user).length > 0)) return null
  const href = formatAdminURL({ adminRoute, path: '/inbox' })
  const active = pathname === href || pathname?.startsWith(`${href}/`)
  return (
    <div className="inbox-nav-link" style={{ width: '100%', marginBottom: 'calc(var(--base) / 2)' }}>
      <Link aria-current={active ? 'page' : undefined} className="nav__link" href={href} id="nav-inbox" prefetch={false}>
        {active && <div className="nav__link-indicator" />}
        <span className="nav__link-label">Inbox</span>
      </Link>
    </div>
  )
}
