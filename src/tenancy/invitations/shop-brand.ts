import type { Payload } from 'payload'
import { extractID } from 'payload/shared'

import type { Tenant } from '../../../payload-types'
import { brandPalette, logoFile } from '../../../plugins/branding'

/** What a public page drawn for a shop shows of its brand: its logo inline, its colours as `--brand-*` properties. */
export type ShopBrand = { slug: string; logo: null | string; vars: Record<string, string> }

/**
 * The shop's brand for a page outside the admin that its anonymous visitor may see (the invitation
 * page, on the platform's host): the logo inlined as a data: URI (logoFile: the media route would
 * refuse the visitor), the colours as the admin applies them. Colours that fail the contrast check
 * (the tenant form refuses them, but old rows may hold them) are left out.
 */
export async function shopBrand(payload: Payload, tenant: Tenant): Promise<ShopBrand> {
  const b = tenant.branding ?? {}
  const primary = b.primaryColor || b.secondaryColor
  const palette = primary ? brandPalette(primary, b.secondaryColor || undefined) : null
  const logo = b.logo ? await logoFile(payload, String(extractID(b.logo))).catch(() => null) : null
  return { slug: tenant.slug, logo: logo ? `data:${logo.mimeType};base64,${logo.data.toString('base64')}` : null, vars: palette?.ok ? palette.vars : {} }
}
