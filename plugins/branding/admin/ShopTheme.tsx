import { cookies, headers } from 'next/headers'
import { cache } from 'react'
import type { Payload, TypedUser } from 'payload'

import type { Media, Tenant } from '../../../payload-types'
import { SHOP_SCOPE } from '../collections/branding-checks'
import { brandPalette } from '../colors/contrast'
import { brandStylesheet } from '../colors/stylesheet'
import { sanitiseCustomCss } from '../css/sanitise'
import { brandingOptions } from '../options'
import { BodyClass } from './BodyClass'

type Viewed = { tenant: Tenant; logo: null | string; icon: null | string }

const url = (m: unknown) => (m && typeof m === 'object' ? ((m as Media).url ?? null) : null)
const viewedOf = (tenant: null | Tenant): null | Viewed => (tenant ? { tenant, logo: url(tenant.branding?.logo), icon: url(tenant.branding?.logo) } : null)

/**
 * The branding of the shop an admin page is for: signed in, the shop the user is looking at (their
 * shop; the super-admin's selected one), read with the user's own access; signed out (the sign-in
 * page), the shop the page's host names (its domain, or `<slug>.<BASE_DOMAIN>`), read in that
 * shop's own context.
 */
export const viewedBranding = cache(readViewedBranding)

// Once per page render (React's per-request cache): the header's theme and the nav's brand both ask.
async function readViewedBranding(payload: Payload, user: null | TypedUser | undefined): Promise<null | Viewed> {
  const options = brandingOptions(payload.config)
  if (!user) {
    const tenantId = await options.admin.tenantOfHost(payload, (await headers()).get('host'))
    if (!tenantId) return null
    return viewedOf(await options.tenancy.runWithTenant({ tenantId, via: 'job' }, () => payload.findByID({ collection: 'tenants', id: tenantId, depth: 1, overrideAccess: true, disableErrors: true })))
  }
  const jar = await cookies()
  const tenantId = await options.admin.viewedTenant(user, new Map(jar.getAll().map((c) => [c.name, c.value])))
  if (!tenantId) return null
  return viewedOf(await payload.findByID({ collection: 'tenants', id: tenantId, depth: 1, user, overrideAccess: false, disableErrors: true }))
}

/** The shop's brand colours and (re-sanitised) custom CSS as one stylesheet under `.shop-theme`, and the class on <body>. */
export function ThemeStyle({ viewed }: { viewed: Viewed }) {
  const b = viewed.tenant.branding
  if (!b) return null
  const parts: string[] = []
  const primary = b.primaryColor || b.secondaryColor
  if (primary) {
    const palette = brandPalette(primary, b.secondaryColor || undefined)
    if (palette.ok) parts.push(brandStylesheet(SHOP_SCOPE, palette.vars))
  }
  if (b.customCss) {
    const clean = sanitiseCustomCss(b.customCss, { scope: SHOP_SCOPE })
    if (clean.ok) parts.push(clean.css)
  }
  return (
    <>
      {/* Generated from checked values only (hex colours, sanitised CSS that cannot close the element). */}
      <style data-shop-theme={viewed.tenant.slug} dangerouslySetInnerHTML={{ __html: parts.join('\n') }} />
      <BodyClass name={SHOP_SCOPE.slice(1)} />
    </>
  )
}

/**
 * The shop's look on every admin page (`admin.components.header`, a server component): its brand
 * colours as `--brand-*` properties mapped onto Payload's buttons and nav (only when they pass the
 * contrast check) and its custom CSS — sanitised again here, whatever wrote it — all scoped under
 * `.shop-theme`, which BodyClass puts on <body>. Nothing for the super-admin without a selected
 * shop, nor when anything fails (the admin then simply looks like Payload's).
 */
export async function ShopTheme({ payload, user }: { payload: Payload; user?: null | TypedUser }) {
  try {
    const viewed = user ? await viewedBranding(payload, user) : null
    return viewed ? <ThemeStyle viewed={viewed} /> : null
  } catch (error) {
    payload.logger.warn({ err: error }, 'branding: the shop’s theme could not be applied')
    return null
  }
}
