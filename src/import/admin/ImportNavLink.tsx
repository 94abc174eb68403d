'use client'

import { Link, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

/** "Import" in the admin's side nav (`admin.components.afterNavLinks`), styled like Payload's own links. */
export function ImportNavLink() {
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  const pathname = usePathname()
  const href = formatAdminURL({ adminRoute, path: '/import' })
  const active = pathname === href
  return (
    <div style={{ width: '100%', marginBottom: 'calc(var(--base) / 2)' }}>
      <Link aria-current={active ? 'page' : undefined} className="nav__link" href={href} id="nav-import" prefetch={false}>
        {active && <div className="nav__link-indicator" />}
        <span className="nav__link-label">Import</span>
      </Link>
    </div>
  )
}
