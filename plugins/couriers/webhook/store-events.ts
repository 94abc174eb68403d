import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hostOf } from '../options'
import type { WebhookEvent } from '../providers/types'
import type { WebhookAccount } from './account'

export const PROCESS_TASK = 'courierProcessEvents'

/**
 * Store a delivery's events for the account's tenant, in that tenant's context (row-level
 * security applies), once per (account, event key): a redelivery stores nothing again. The
 * handshake is answered, not stored. Answers how many were new.
 */
export async function storeEvents(req: PayloadRequest, account: WebhookAccount, events: WebhookEvent[]): Promise<{ stored: number; duplicates: number }> {
  const options = hostOf(req)
  const kept = events.filter((e) => e.kind !== 'handshake')
  if (kept.length === 0) return { stored: 0, duplicates: 0 }
  const rows = kept.map((e) => ({
    key: e.key.slice(0, 200),
    kind: e.kind,
    consignment_id: e.consignmentId,
    tracking_code: e.trackingCode,
    invoice: e.invoice,
    raw_status: e.rawStatus,
    event: { ...e, at: e.at.toISOString() },
  }))
  const inserted = await options.tenancy.runWithTenant({ tenantId: account.tenantId, via: 'job' }, () =>
    options.db.withTransaction(req, () =>
      options.db.runSql(
        req,
        sql`insert into courier_events (tenant_id, account_id, provider, key, kind, consignment_id, tracking_code, invoice, raw_status, event, state, attempts, updated_at, created_at)
            select ${account.tenantId}::uuid, ${account.accountId}::uuid, ${account.provider}::enum_courier_events_provider, x.key, x.kind::enum_courier_events_kind,
                   x.consignment_id, x.tracking_code, x.invoice, x.raw_status, x.event, 'pending', 0, now(), now()
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(key text, kind text, consignment_id text, tracking_code text, invoice text, raw_status text, event jsonb)
            on conflict (account_id, key) do nothing
            returning id`,
      ),
    ),
  )
  return { stored: inserted.length, duplicates: kept.length - inserted.length }
}
