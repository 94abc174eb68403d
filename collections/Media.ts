import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { tenantOwned } from './tenantOwned'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Tenant-owned uploads (product images, logos). Files go to MEDIA_DIR (default .data/media). */
export const Media = tenantOwned({
  slug: 'media',
  admin: { useAsTitle: 'filename', group: 'Catalogue' },
  upload: {
    staticDir: process.env.MEDIA_DIR ?? path.join(root, '.data', 'media'),
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/svg+xml'],
    imageSizes: [{ name: 'thumbnail', width: 320, height: 320, position: 'centre' }],
    adminThumbnail: 'thumbnail',
  },
  fields: [{ name: 'alt', type: 'text', maxLength: 200 }],
})
