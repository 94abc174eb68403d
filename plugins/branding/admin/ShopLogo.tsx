import type { Payload, TypedUser } from 'payload'

import { ThemeStyle } from './ShopTheme'
import { viewedBranding } from './viewed'

/** Payload's logo slot (`admin.components.graphics.Logo`, the sign-in page): on a shop's host (its domain, `<slug>.<BASE_DOMAIN>`) that shop's logo or name and colours, else the platform's name. */
export async function ShopLogo({ payload, user }: { payload: Payload; user?: null | TypedUser }) {
  const viewed = await viewedBranding(payload, user).catch(() => null)
  const name = viewed ? viewed.name : 'e-merkater'
  return (
    <>
      {/* The sign-in page has no header: the shop its host names gets its colours here. */}
      {viewed && !user ? <ThemeStyle themeCookie={`${payload.config.cookiePrefix || 'payload'}-theme`} viewed={viewed} /> : null}
      {viewed?.logo ? (
        <img alt={name} data-shop-logo={viewed.tenant.slug} src={viewed.logo} style={{ maxHeight: 64, maxWidth: 240, objectFit: 'contain' }} />
      ) : (
        <span data-shop-logo={viewed?.tenant.slug ?? 'platform'} style={{ fontSize: 28, fontWeight: 600 }}>
          {name}
        </span>
      )}
    </>
  )
}

/** Atop the admin's nav (`beforeNavLinks`): the viewed shop's logo (or its initial) and name, so staff always see whose admin this is. */
export async function ShopNavBrand({ payload, user }: { payload: Payload; user?: null | TypedUser }) {
  const viewed = await viewedBranding(payload, user).catch(() => null)
  if (!viewed) return null
  const name = viewed.name
  return (
    <div data-shop-brand={viewed.tenant.slug} style={{ alignItems: 'center', display: 'flex', gap: 10, margin: '0 0 16px' }}>
      {viewed.logo ? (
        <img alt="" src={viewed.logo} style={{ height: 32, width: 32, objectFit: 'contain' }} />
      ) : (
        <span
          aria-hidden
          style={{
            display: 'inline-grid',
            placeItems: 'center',
            width: 32,
            height: 32,
            borderRadius: 8,
            background: 'var(--brand-primary, var(--theme-elevation-800))',
            color: 'var(--brand-primary-text, var(--theme-elevation-0))',
            fontWeight: 700,
          }}
        >
          {name.slice(0, 1).toUpperCase()}
        </span>
      )}
      <strong>{name}</strong>
    </div>
  )
}
