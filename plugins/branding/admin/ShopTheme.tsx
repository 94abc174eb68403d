import type { Payload, TypedUser } from 'payload'

import { SHOP_SCOPE } from '../collections/branding-checks'
import { brandPalette } from '../colors/contrast'
import { brandStylesheet } from '../colors/stylesheet'
import { sanitiseCustomCss } from '../css/sanitise'
import { BodyClass } from './BodyClass'
import { DefaultTheme } from './DefaultTheme'
import { earlyThemeScript } from './theme-script'
import { viewedBranding, type Viewed } from './viewed'

/** The shop's brand colours and (re-sanitised) custom CSS as one stylesheet under `.shop-theme`, the class on <body>, and (in the signed-in admin, given Payload's theme cookie) the shop's default theme. */
export function ThemeStyle({ viewed, themeCookie }: { viewed: Viewed; themeCookie?: string }) {
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
      {themeCookie && viewed.theme !== 'auto' ? (
        <>
          <script dangerouslySetInnerHTML={{ __html: earlyThemeScript(themeCookie, viewed.theme) }} />
          <DefaultTheme theme={viewed.theme} />
        </>
      ) : null}
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
    return viewed ? <ThemeStyle themeCookie={`${payload.config.cookiePrefix || 'payload'}-theme`} viewed={viewed} /> : null
  } catch (error) {
    payload.logger.warn({ err: error }, 'branding: the shop’s theme could not be applied')
    return null
  }
}
