import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type TaskConfig } from 'payload'

import { runSql } from '../db/run-sql'
import { runAsSystem } from '../tenancy/request-context'

export const AUDIT_PURGE_TASK = 'auditPurge'

/** How long entries are kept: AUDIT_RETENTION_DAYS, default 365, at least 1. */
export const auditRetentionDays = (): number => Math.max(1, Number(process.env.AUDIT_RETENTION_DAYS ?? 365) || 365)

/**
 * Delete entries older than the retention, in batches of `batch` (short statements, no long
 * lock), through `audit_purge()`: the app's role cannot DELETE from the log itself, and the
 * function refuses to touch anything younger than a day.
 */
export async function purgeAuditLog(payload: Payload, retentionDays = auditRetentionDays(), batch = 1000): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000).toISOString()
  let total = 0
  for (;;) {
    const deleted = await runAsSystem('audit retention', async () => {
      const [row] = await runSql(await createLocalReq({}, payload), sql`select audit_purge(${cutoff}::timestamptz, ${batch}) as deleted`)
      return Number(row?.deleted ?? 0)
    })
    total += deleted
    if (deleted < batch) return total
  }
}

/** Daily at 03:30 server time (AUDIT_PURGE_CRON): delete the entries older than the retention. */
export const auditPurgeTask: TaskConfig<typeof AUDIT_PURGE_TASK> = {
  slug: AUDIT_PURGE_TASK,
  label: 'Audit log retention',
  retries: 2,
  inputSchema: [{ name: 'retentionDays', type: 'number', min: 1 }],
  schedule: [{ cron: process.env.AUDIT_PURGE_CRON ?? '30 3 * * *', queue: 'default' }],
  handler: async ({ input, req }) => ({ output: { deleted: await purgeAuditLog(req.payload, input?.retentionDays ?? undefined) } }),
}
