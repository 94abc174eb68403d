'use client'

import { Link, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

/**
 * "Usage" in the admin's side nav, after the collection groups (`admin.components.afterNavLinks`),
 * styled like Payload's own nav links: the same classes, and the active-page indicator.
 */
export function UsageNavLink() {
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  const pathname = usePathname()
  const href = formatAdminURL({ adminRoute, path: '/usage' })
  const active = pathname === href || pathname?.startsWith(`${href}/`)
  return (
    <div className="usage-nav-link" style={{ width: '100%', marginBottom: 'calc(var(--base) / 2)' }}>
      <Link aria-current={active ? 'page' : undefined} className="nav__link" href={href} id="nav-usage" prefetch={false}>
        {active && <div className="nav__link-indicator" />}
        <span className="nav__link-label">Usage</span>
      </Link>
    </div>
  )
}
