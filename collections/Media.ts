import { stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PayloadRequest } from 'payload'

import { AppError } from '../src/errors/app-error'
import { tenantOwned } from './tenantOwned'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const staticDir = process.env.MEDIA_DIR ?? path.join(root, '.data', 'media')

/**
 * GET /api/media/file/:filename for a file that is not on disk: a 404 with the one error body.
 * Payload's own fallback answers 500 `{ errors: [{ message: 'Something went wrong.' }] }` for it
 * (found by the fuzz test). Runs after Payload's access check, so only callers who may read a
 * document of that name — or the super-admin, who may read any — get this far; a name outside
 * the directory is left to Payload, which refuses it with 400.
 */
async function missingFileIsNotFound(_req: PayloadRequest, { params }: { params: { filename: string } }): Promise<void> {
  const dir = path.resolve(staticDir)
  const file = path.resolve(dir, params.filename)
  if (!file.startsWith(dir + path.sep)) return
  const found = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  )
  if (!found) throw new AppError('not_found', `There is no file ${JSON.stringify(params.filename)} in media.`, { path: 'filename' })
}

/** Tenant-owned uploads (product images, logos). Files go to MEDIA_DIR (default .data/media). */
export const Media = tenantOwned({
  slug: 'media',
  admin: { useAsTitle: 'filename', group: 'Catalogue' },
  upload: {
    staticDir,
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/svg+xml'],
    imageSizes: [{ name: 'thumbnail', width: 320, height: 320, position: 'centre' }],
    adminThumbnail: 'thumbnail',
    handlers: [missingFileIsNotFound],
  },
  fields: [{ name: 'alt', type: 'text', maxLength: 200 }],
})
