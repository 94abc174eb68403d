import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'

/** A logo larger than this is not inlined (an email or page would carry it whole). */
export const MAX_INLINE_LOGO = 256 * 1024

export type LogoFile = { data: Buffer; mimeType: string; filename: string }

/**
 * The bytes of a shop's logo (a `media` image), for where the media file route cannot serve it:
 * that route gives a shop's files only to its staff and to its own storefront host, so an email
 * (read by a mail client) or a page on the platform's host carries the logo inline instead. Read
 * with the caller's access (the caller has resolved the shop); null when missing, not an image,
 * outside the upload directory, or over `maxBytes`.
 */
export async function logoFile(payload: Payload, mediaId: string, maxBytes = MAX_INLINE_LOGO): Promise<LogoFile | null> {
  const media = await payload.findByID({ collection: 'media', id: mediaId, depth: 0, overrideAccess: true, disableErrors: true })
  const dir = payload.collections.media?.config.upload?.staticDir
  if (!media?.filename || !media.mimeType?.startsWith('image/') || !dir || (media.filesize ?? 0) > maxBytes) return null
  const root = path.resolve(dir)
  const file = path.resolve(root, media.filename)
  if (!file.startsWith(root + path.sep)) return null
  const data = await readFile(file).catch(() => null)
  return data && data.length <= maxBytes ? { data, mimeType: media.mimeType, filename: media.filename } : null
}
