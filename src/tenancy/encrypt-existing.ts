import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { runSql } from '../db/run-sql'
import { runAsSystem } from './request-context'
import { blindIndex, decryptForTenant, encryptForTenant, isTenantCiphertext, type TenantKey } from '../crypto/tenant-keys/tenant-cipher'
import { tenantKey } from './tenant-keys'

/**
 * What is encrypted or blind-indexed per table (keep in step with collections/Customers.ts and
 * Leads.ts): `tenant` is how a row reaches its tenant (sub-tables through their parent).
 */
const TABLES = [
  { table: 'customers', from: sql`customers t`, tenant: sql`t.tenant_id`, encrypted: ['phone', 'email', 'notes'], indexed: ['phone', 'email'] },
  { table: 'customers_addresses', from: sql`customers_addresses t join customers p on p.id = t._parent_id`, tenant: sql`p.tenant_id`, encrypted: ['line1', 'line2'], indexed: [] },
  { table: 'leads', from: sql`leads t`, tenant: sql`t.tenant_id`, encrypted: ['phone', 'email'], indexed: ['phone', 'email'] },
] as const

/** Each column read once (phone and e-mail are both encrypted and indexed). */
const fieldsOf = (spec: (typeof TABLES)[number]): string[] => [...new Set<string>([...spec.encrypted, ...spec.indexed])]

const column = (field: string) => sql.identifier(field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))

/** The rows of one table still holding plaintext (or no blind index), with their tenant. */
function pendingRows(req: PayloadRequest, spec: (typeof TABLES)[number], batch: number) {
  const plain = spec.encrypted.map((f) => sql`(t.${column(f)} <> '' and t.${column(f)} not like 'v1:tk1:%')`)
  const unindexed = spec.indexed.map((f) => sql`(t.${column(f)} <> '' and t.${column(`${f}Index`)} is null)`)
  const fields = fieldsOf(spec).map((f) => sql`t.${column(f)}`)
  return runSql(req, sql`select t.id, ${spec.tenant} as tenant_id, ${sql.join(fields, sql`, `)} from ${spec.from} where ${sql.join([...plain, ...unindexed], sql` or `)} limit ${batch}`)
}

function changesOf(key: TenantKey, spec: (typeof TABLES)[number], row: Record<string, unknown>) {
  const sets = []
  for (const f of spec.encrypted) {
    const value = row[f]
    if (typeof value === 'string' && value !== '' && !isTenantCiphertext(value)) sets.push(sql`${column(f)} = ${encryptForTenant(key, value)}`)
  }
  for (const f of spec.indexed) {
    const value = row[f]
    if (typeof value === 'string' && value !== '') sets.push(sql`${column(`${f}Index`)} = ${blindIndex(key, f, decryptForTenant(key, value))}`)
  }
  return sets
}

/**
 * Move rows written before per-tenant keys onto them: encrypt the plaintext phones, e-mail
 * addresses, address lines and notes and fill the phone/e-mail blind indexes, in batches, as system work (row-level security
 * bypassed and recorded). Idempotent: only rows that still need it are selected, and each update
 * is conditional on the value it read. Run by `npm run migrate` (src/cli/tasks.ts). Answers the
 * rows changed per table.
 */
export async function encryptExistingRows(payload: Payload, batch = 200): Promise<Record<string, number>> {
  const changed: Record<string, number> = {}
  await runAsSystem('encrypt existing tenant data', async () => {
    const req = await createLocalReq({}, payload)
    for (const spec of TABLES) {
      changed[spec.table] = 0
      for (;;) {
        const rows = await pendingRows(req, spec, batch)
        for (const row of rows) {
          const sets = changesOf(await tenantKey(req, String(row.tenant_id)), spec, row)
          const same = fieldsOf(spec).map((f) => (row[f] == null ? sql`${column(f)} is null` : sql`${column(f)} = ${row[f] as string}`))
          if (sets.length) await runSql(req, sql`update ${sql.identifier(spec.table)} set ${sql.join(sets, sql`, `)} where id = ${row.id as string} and ${sql.join(same, sql` and `)}`)
        }
        changed[spec.table] += rows.length
        if (rows.length < batch) break
      }
    }
  })
  return changed
}
