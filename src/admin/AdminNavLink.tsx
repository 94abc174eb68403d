'use client'

import { Link, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'

/**
 * A link to one of our custom admin views in the side nav (`admin.components.afterNavLinks`),
 * styled like Payload's own: the same classes and the active-page indicator. Usage, Import and
 * Inbox use it.
 */
export function AdminNavLink({ path, label, id }: { path: `/${string}`; label: string; id: string }) {
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  const pathname = usePathname()
  const href = formatAdminURL({ adminRoute, path })
  const active = pathname === href || pathname?.startsWith(`${href}/`)
  return (
    <div style={{ width: '100%', marginBottom: 'calc(var(--base) / 2)' }}>
      <Link aria-current={active ? 'page' : undefined} className="nav__link" href={href} id={id} prefetch={false}>
        {active && <div className="nav__link-indicator" />}
        <span className="nav__link-label">{label}</span>
      </Link>
    </div>
  )
}
