import { postgresAdapter } from '@payloadcms/db-postgres'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The PostgreSQL adapter. Its connection string always comes from DATABASE_URL: the CLI
 * (src/cli) starts the embedded server first when none is given and passes its URL on, because
 * the config is also imported by `next build` workers that must not start databases.
 * The schema comes from committed migrations only (push is off), UUID ids everywhere.
 */
export const databaseAdapter = () =>
  postgresAdapter({
    idType: 'uuid',
    push: false,
    migrationDir: path.join(root, 'migrations'),
    pool: {
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      connectionTimeoutMillis: 5_000,
    },
  })
