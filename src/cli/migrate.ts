import type { Migration, Payload } from 'payload'

import { migrations } from '../../migrations'

/**
 * Apply the committed migrations and check that every one of them is recorded afterwards
 * (`payload migrate` has been seen doing nothing silently, so the result is verified).
 */
export async function migrate(payload: Payload): Promise<void> {
  // The generated index types each migration's own args; the adapter takes the generic shape.
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  const applied = await payload.find({
    collection: 'payload-migrations',
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const names = new Set(applied.docs.map((doc) => doc.name))
  const missing = migrations.filter((m) => !names.has(m.name)).map((m) => m.name)
  if (missing.length > 0) throw new Error(`migrations not applied: ${missing.join(', ')}`)
}
