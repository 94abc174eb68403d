import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hostOf } from '../options'
import type { Provider } from '../providers/types'

export type WebhookAccount = { accountId: string; tenantId: string; provider: Provider; secret: string; handshake: 'secret' | 'fixed' | null; status: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The courier account a webhook URL names, by its webhook id (not its document id), through
 * `courier_webhook_account()` (migration couriers_sql): a SECURITY DEFINER lookup that answers
 * one account's routing facts, so the webhook needs no tenant context and no general bypass.
 * The secret comes back as stored (encrypted) and is decrypted here.
 */
export async function webhookAccount(req: PayloadRequest, webhookId: string): Promise<WebhookAccount | null> {
  if (!UUID.test(webhookId)) return null
  const options = hostOf(req)
  const rows = await options.db.runSql(req, sql`select account_id, tenant_id, provider, webhook_secret, pathao_handshake, status from courier_webhook_account(${webhookId}::uuid)`)
  const row = rows[0]
  if (!row || typeof row.webhook_secret !== 'string') return null
  const stored = row.webhook_secret
  return {
    accountId: String(row.account_id),
    tenantId: String(row.tenant_id),
    provider: row.provider as Provider,
    secret: options.secrets.isEncrypted(stored) ? options.secrets.decrypt(stored) : stored,
    handshake: (row.pathao_handshake as 'secret' | 'fixed' | null) ?? null,
    status: String(row.status),
  }
}
