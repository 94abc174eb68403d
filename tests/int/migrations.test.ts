import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Pool } from 'pg'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '../../migrations'
import { freshPayload } from './helpers/payload'

const migrationsDir = path.resolve(__dirname, '../../migrations')

describe('migrations', () => {
  let payload: Payload
  beforeAll(async () => {
    payload = await freshPayload()
  })

  it('are all applied by the same task `npm run migrate` runs', async () => {
    const applied = await payload.find({ collection: 'payload-migrations', pagination: false, overrideAccess: true })
    expect(applied.docs.map((m) => m.name).sort()).toEqual(migrations.map((m) => m.name).sort())
  })

  it('describe exactly the schema of the current config (a config change needs a migration)', async () => {
    const latest = readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .at(-1)!
    const snapshot = JSON.parse(readFileSync(path.join(migrationsDir, latest), 'utf8'))
    const db = payload.db as unknown as {
      schema: Record<string, unknown>
      requireDrizzleKit: () => {
        generateDrizzleJson: (schema: Record<string, unknown>) => unknown
        generateMigration: (prev: unknown, next: unknown) => Promise<string[]>
      }
    }
    const kit = db.requireDrizzleKit()
    const pending = await kit.generateMigration(snapshot, kit.generateDrizzleJson(db.schema))
    expect(pending, 'run `npm run migrate:create -- <name>` and commit the result').toEqual([])
  })

  it('use UUID primary keys', async () => {
    const db = payload.db as unknown as { pool: Pool }
    const { rows } = await db.pool.query(
      `select table_name, data_type from information_schema.columns
       where table_schema = 'public' and column_name = 'id' and table_name in ('tenants', 'users', 'products')`,
    )
    expect(rows.map((r) => r.data_type)).toEqual(['uuid', 'uuid', 'uuid'])
  })
})
