import { cookies, headers } from 'next/headers'
import { cache } from 'react'
import type { Payload, TypedUser } from 'payload'

import type { Media, ShopSetting, Tenant } from '../../../payload-types'
import { SHOP_SETTINGS } from '../collections/ShopSettings'
import { brandingOptions } from '../options'

/** The shop an admin page is drawn for, with what its look needs. */
export type Viewed = {
  tenant: Tenant
  name: string
  logo: null | string
  /** The favicon: the shop's square icon, else its logo. */
  icon: null | string
  /** After each page's title (the shop's `titleSuffix`, else its name). */
  titleSuffix: string
  theme: 'auto' | 'dark' | 'light'
}

const url = (m: unknown) => (m && typeof m === 'object' ? ((m as Media).url ?? null) : null)

function viewedOf(tenant: null | Tenant, settings: null | ShopSetting | undefined): null | Viewed {
  if (!tenant) return null
  const name = tenant.displayName || tenant.name
  const logo = url(tenant.branding?.logo)
  const theme = tenant.branding?.theme
  return {
    tenant,
    name,
    logo,
    icon: url(settings?.branding?.icon) ?? logo,
    titleSuffix: settings?.branding?.titleSuffix?.trim() || name,
    theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
  }
}

/**
 * The branding of the shop an admin page is for: signed in, the shop the user is looking at (their
 * shop; the super-admin's selected one), read with the user's own access; signed out (the sign-in
 * page), the shop the page's host names (its domain, or `<slug>.<BASE_DOMAIN>`), read in that
 * shop's own context. The tenant record carries what the admin applies (colours, CSS, theme,
 * logo); the settings document adds the icon and title suffix.
 */
export const viewedBranding = cache(readViewedBranding)

// Once per page render (React's per-request cache): the header's theme and the nav's brand both ask.
async function readViewedBranding(payload: Payload, user: null | TypedUser | undefined): Promise<null | Viewed> {
  const options = brandingOptions(payload.config)
  const settingsOf = (tenantId: string, access: { user?: TypedUser; overrideAccess: boolean }) =>
    payload.find({ collection: SHOP_SETTINGS, where: { tenant: { equals: tenantId } }, sort: 'createdAt', limit: 1, depth: 1, pagination: false, ...access }).then((r) => r.docs[0] as ShopSetting | undefined)
  if (!user) {
    const tenantId = await options.admin.tenantOfHost(payload, (await headers()).get('host'))
    if (!tenantId) return null
    return options.tenancy.runWithTenant({ tenantId, via: 'job' }, async () =>
      viewedOf(await payload.findByID({ collection: 'tenants', id: tenantId, depth: 1, overrideAccess: true, disableErrors: true }), await settingsOf(tenantId, { overrideAccess: true })),
    )
  }
  const jar = await cookies()
  const tenantId = await options.admin.viewedTenant(user, new Map(jar.getAll().map((c) => [c.name, c.value])))
  if (!tenantId) return null
  const tenant = await payload.findByID({ collection: 'tenants', id: tenantId, depth: 1, user, overrideAccess: false, disableErrors: true })
  return tenant ? viewedOf(tenant, await settingsOf(tenantId, { user, overrideAccess: false }).catch(() => undefined)) : null
}
