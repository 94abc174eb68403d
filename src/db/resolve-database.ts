import path from 'node:path'

import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres'

export type ResolvedDatabase = { url: string; embedded: EmbeddedDatabase | null; stop: () => Promise<void> }

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under .data/postgres (or
 * EMBEDDED_PG_DIR) on EMBEDDED_PG_PORT. Sets process.env.DATABASE_URL for what runs next.
 */
export async function resolveDatabase(log: (line: string) => void = console.log): Promise<ResolvedDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: null, stop: async () => undefined }
  }
  const dataDir = path.resolve(projectRoot, process.env.EMBEDDED_PG_DIR ?? '.data/postgres')
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54320)
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: process.env.EMBEDDED_PG_DATABASE ?? 'emerkater' })
  log(`Embedded PostgreSQL ready on 127.0.0.1:${port} (data: ${path.relative(process.cwd(), dataDir) || dataDir})`)
  process.env.DATABASE_URL = embedded.url
  return { url: embedded.url, embedded, stop: embedded.stop }
}
