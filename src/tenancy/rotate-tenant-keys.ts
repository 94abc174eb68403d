import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'

import { runSql } from '../db/run-sql'
import { runAsSystem } from './request-context'
import { getKeyring, type Keyring } from '../crypto/keyring'
import { reencryptSecret } from '../crypto/rotate-secret'
import { invalidateTenantKey } from './tenant-keys'

/**
 * After a platform key rotation (new SECRETS_ACTIVE_KEY, old key still in SECRETS_KEYS): re-wrap
 * every tenant key still wrapped by another key with the active one. The data keys themselves do
 * not change, so no customer or lead row is rewritten. Conditional per row (two runs at once do
 * no harm) and idempotent. Answers how many keys it re-wrapped.
 */
export async function rewrapTenantKeys(payload: Payload, keyring: Keyring = getKeyring()): Promise<number> {
  return runAsSystem('tenant key rotation', async () => {
    const req = await createLocalReq({}, payload)
    const rows = await runSql(req, sql`select tenant_id, wrapped_key from tenant_keys where wrapping_key_id <> ${keyring.activeKeyId}`)
    let rewrapped = 0
    for (const row of rows) {
      const tenantId = String(row.tenant_id)
      const wrapped = reencryptSecret(String(row.wrapped_key), keyring)
      const updated = await runSql(
        req,
        sql`update tenant_keys set wrapped_key = ${wrapped}, wrapping_key_id = ${keyring.activeKeyId}, rewrapped_at = now() where tenant_id = ${tenantId}::uuid and wrapped_key = ${String(row.wrapped_key)} returning 1`,
      )
      rewrapped += updated.length
      invalidateTenantKey(tenantId)
    }
    return rewrapped
  })
}
