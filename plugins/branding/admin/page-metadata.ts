import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { getPayload, type SanitizedConfig } from 'payload'

import { viewedBranding } from './viewed'

type Title = Metadata['title']

/** `title` with the platform's suffix (Payload's `admin.meta.titleSuffix`, appended as `"<title> <suffix>"`) replaced by the shop's. */
export function withTitleSuffix(title: Title, platformSuffix: string | undefined, shopSuffix: string): Title {
  const swap = (t: string) => {
    const base = platformSuffix && t.endsWith(` ${platformSuffix}`) ? t.slice(0, -(platformSuffix.length + 1)) : t
    return `${base.trimEnd()} · ${shopSuffix}`
  }
  if (!title) return `${shopSuffix}`
  if (typeof title === 'string') return swap(title)
  if ('absolute' in title && typeof title.absolute === 'string') return { ...title, absolute: swap(title.absolute) }
  if ('default' in title && typeof title.default === 'string') return { ...title, default: swap(title.default) }
  return title
}

/**
 * An admin page's metadata for the shop it is drawn for (`generateMetadata` of the admin's route
 * wraps Payload's `generatePageMetadata` with this): the shop's title suffix (else its name) after
 * the page's title, and its icon (else its logo) as the favicon. The super-admin without a selected
 * shop, and any failure, keep Payload's.
 */
export async function shopPageMetadata(config: Promise<SanitizedConfig> | SanitizedConfig, metadata: Metadata): Promise<Metadata> {
  try {
    const payload = await getPayload({ config })
    const { user } = await payload.auth({ headers: await headers() })
    const viewed = await viewedBranding(payload, user)
    if (!viewed) return metadata
    const title = withTitleSuffix(metadata.title, payload.config.admin?.meta?.titleSuffix, viewed.titleSuffix)
    return { ...metadata, title, ...(viewed.icon ? { icons: [{ rel: 'icon', url: viewed.icon }] } : {}) }
  } catch {
    return metadata
  }
}
