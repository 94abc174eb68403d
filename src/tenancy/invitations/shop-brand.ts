import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'
import { extractID } from 'payload/shared'

import type { Tenant } from '../../../payload-types'
import { brandPalette } from '../../../plugins/branding'

/** What a public page drawn for a shop shows of its brand: its logo inline, its colours as `--brand-*` properties. */
export type ShopBrand = { slug: string; logo: null | string; vars: Record<string, string> }

const MAX_INLINE_LOGO = 256 * 1024

/**
 * The shop's brand for a page outside the admin that its anonymous visitor may see (the invitation
 * page). The logo is inlined as a data: URI: the media file route serves a shop's files only to its
 * staff and its own storefront host, and this page is on the platform's host. Colours that fail the
 * contrast check (the tenant form refuses them, but old rows may hold them) are left out.
 */
export async function shopBrand(payload: Payload, tenant: Tenant): Promise<ShopBrand> {
  const b = tenant.branding ?? {}
  const primary = b.primaryColor || b.secondaryColor
  const palette = primary ? brandPalette(primary, b.secondaryColor || undefined) : null
  return { slug: tenant.slug, logo: b.logo ? await inlineLogo(payload, String(extractID(b.logo))).catch(() => null) : null, vars: palette?.ok ? palette.vars : {} }
}

async function inlineLogo(payload: Payload, id: string): Promise<null | string> {
  const media = await payload.findByID({ collection: 'media', id, depth: 0, overrideAccess: true, disableErrors: true })
  const dir = payload.collections.media.config.upload?.staticDir
  if (!media?.filename || !media.mimeType?.startsWith('image/') || !dir || (media.filesize ?? 0) > MAX_INLINE_LOGO) return null
  const file = path.resolve(dir, media.filename)
  if (!file.startsWith(path.resolve(dir) + path.sep)) return null
  const data = await readFile(file)
  return data.length > MAX_INLINE_LOGO ? null : `data:${media.mimeType};base64,${data.toString('base64')}`
}
