import { stringify } from 'csv-stringify/sync'
import { createWriteStream, existsSync, type WriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { once } from 'node:events'
import type { CollectionSlug, FlattenedField, PayloadRequest } from 'payload'
import { ZipFile } from 'yazl'

import { CUSTOM_FIELDS, loadDefinitions } from '../../plugins/branding'
import { csvCell } from './csv-cell'
import { EXPORTED_COLLECTIONS, exportDir } from './settings'

const PAGE_SIZE = 200

/** Where the archive of export `id` lives on disk. */
export const archivePath = (id: string): string => path.join(exportDir(), `${id}.zip`)

/**
 * Top-level fields an export never carries: fields hidden from every API (an API key's hash)
 * and the `<secret>Hint` companions of write-only secrets (the secrets themselves already read
 * back as null).
 */
const leftOut = (field: FlattenedField) => field.hidden === true || field.name.endsWith('Hint')

function columnsOf(fields: FlattenedField[], customKeys: string[]): string[] {
  const names = fields.filter((f) => !leftOut(f)).map((f) => f.name)
  // The shop's custom fields (plugins/branding) as one `cf.<key>` column each, as the import reads them.
  return ['id', ...names.filter((n) => n !== 'id').flatMap((n) => (n === CUSTOM_FIELDS ? customKeys.map((k) => `cf.${k}`) : [n]))]
}

/** A CSV column's value: a custom field's from the document's `customFields`, else the field's own. */
const cellOf = (doc: Record<string, unknown>, column: string) => (column.startsWith('cf.') ? ((doc[CUSTOM_FIELDS] ?? {}) as Record<string, unknown>)[column.slice(3)] : doc[column])

async function write(stream: WriteStream, chunk: string) {
  if (!stream.write(chunk)) await once(stream, 'drain')
}

async function close(stream: WriteStream) {
  stream.end()
  await once(stream, 'finish')
}

type Progress = (done: number, total: number) => Promise<void>

/**
 * Write every exported collection of one tenant as `<collection>.json` (an array of documents,
 * depth 0) and `<collection>.csv` (one column per top-level field, a custom field's values one `cf.<key>` column per definition; arrays and objects as JSON; formula-like text escaped, see csv-cell.ts),
 * plus the media files under `media-files/`, into `<EXPORT_DIR>/<id>.zip`. Reads page by page
 * with the Local API; call it inside `runWithTenant` so row-level security holds every read to
 * the tenant (the `tenant` filter says the same thing again). `onProgress` runs after each
 * collection. Answers the archive's size in bytes.
 */
export async function buildArchive(req: PayloadRequest, tenantId: string, id: string, onProgress: Progress): Promise<number> {
  const { payload } = req
  const work = path.join(exportDir(), `.tmp-${id}`)
  await rm(work, { recursive: true, force: true })
  await mkdir(work, { recursive: true })
  try {
    const zip = new ZipFile()
    const slugs = EXPORTED_COLLECTIONS.filter((slug) => payload.collections[slug as CollectionSlug])
    let done = 0
    for (const slug of slugs) {
      const config = payload.collections[slug as CollectionSlug].config
      const custom = config.flattenedFields.some((f) => f.name === CUSTOM_FIELDS) ? (await loadDefinitions(req, tenantId, slug)).map((d) => d.key) : []
      const columns = columnsOf(config.flattenedFields, custom)
      const dropped = config.flattenedFields.filter(leftOut).map((f) => f.name)
      const json = createWriteStream(path.join(work, `${slug}.json`))
      const csv = createWriteStream(path.join(work, `${slug}.csv`))
      await write(json, '[')
      await write(csv, stringify([columns]))
      let first = true
      for (let page = 1; ; page++) {
        const result = await payload.find({
          collection: slug as CollectionSlug,
          where: { tenant: { equals: tenantId } },
          depth: 0,
          limit: PAGE_SIZE,
          page,
          sort: 'id',
          overrideAccess: true,
          req,
        })
        for (const found of result.docs as unknown as Record<string, unknown>[]) {
          const doc = Object.fromEntries(Object.entries(found).filter(([key]) => !dropped.includes(key)))
          await write(json, `${first ? '\n' : ',\n'}${JSON.stringify(doc)}`)
          first = false
          await write(csv, stringify([columns.map((c) => csvCell(cellOf(doc, c)))]))
          const filename = typeof doc.filename === 'string' ? doc.filename : null
          const file = config.upload && filename ? path.join(config.upload.staticDir ?? '', filename) : null
          if (file && existsSync(file)) zip.addFile(file, `media-files/${filename}`)
        }
        if (!result.hasNextPage) break
      }
      await write(json, first ? ']\n' : '\n]\n')
      await Promise.all([close(json), close(csv)])
      zip.addFile(path.join(work, `${slug}.json`), `${slug}.json`)
      zip.addFile(path.join(work, `${slug}.csv`), `${slug}.csv`)
      await onProgress(++done, slugs.length)
    }
    const target = archivePath(id)
    const partial = `${target}.part`
    const out = createWriteStream(partial)
    zip.outputStream.pipe(out)
    zip.end()
    await once(out, 'finish')
    await rename(partial, target)
    return (await stat(target)).size
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
