import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest, type TaskConfig } from 'payload'

import { destroyTenantKey } from './tenant-keys'
import { runSql } from '../db/run-sql'
import { queueForTenantsWhere } from '../jobs/queue-for-tenants'
import { PURGE_TENANT, tenantRetentionDays } from './lifecycle'
import { runAsSystem, runWithTenant } from './request-context'

export const TENANT_PURGE_TASK = 'tenantPurge'
export const QUEUE_TENANT_PURGES_TASK = 'queueTenantPurges'

/** Kept when a tenant is purged: the audit trail outlives it (its entries lose the tenant link). */
const KEPT = new Set(['audit_logs'])

/** Errors that mean "another table's rows still point here": delete those first, come back later. */
const BLOCKED = new Set(['23503', '23502'])

const codeOf = (error: unknown): string | undefined => (error as { code?: string; cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code

async function tenantTables(req: PayloadRequest): Promise<string[]> {
  const rows = await runSql(req, sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' and table_name <> 'users_tenants' order by table_name`)
  return rows.map((r) => String(r.table_name)).filter((t) => !KEPT.has(t))
}

/** Delete a tenant's media through Payload, so their files leave the disk too. */
async function purgeMedia(req: PayloadRequest, tenantId: string, batch: number): Promise<number> {
  let total = 0
  for (;;) {
    const { docs } = await req.payload.find({ collection: 'media', where: { tenant: { equals: tenantId } }, limit: batch, depth: 0, overrideAccess: true, req, select: {} })
    if (docs.length === 0) return total
    await req.payload.delete({ collection: 'media', where: { id: { in: docs.map((d) => d.id) } }, overrideAccess: true, req })
    total += docs.length
  }
}

/**
 * Remove a soft-deleted tenant for good: first its data key (crypto-shredding: what was encrypted
 * with it, in backups and exports too, can no longer be decrypted), then its rows in every tenant table, in batches of `batch`
 * (each its own short statement: no long locks, and a run that stops half-way is simply run
 * again), tables whose rows are still referenced retried after the others; its media with their
 * files; the memberships; then the tenant itself. Audit entries are kept.
 */
export async function purgeTenant(payload: Payload, tenantId: string, batch = 500): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {}
  await runWithTenant({ tenantId, via: 'job' }, async () => {
    const req = await createLocalReq({}, payload)
    deleted.tenant_keys = (await destroyTenantKey(req, tenantId)) ? 1 : 0
    deleted.media = await purgeMedia(req, tenantId, 100)
    let pending = await tenantTables(req)
    while (pending.length > 0) {
      const blocked: string[] = []
      for (const table of pending) {
        const name = sql.identifier(table)
        try {
          for (;;) {
            // By ctid, not id: a plugin's own table (the dashboards' rollups) may have no id column.
            const rows = await runSql(req, sql`delete from ${name} where ctid in (select ctid from ${name} where tenant_id = ${tenantId} limit ${batch}) returning 1`)
            deleted[table] = (deleted[table] ?? 0) + rows.length
            if (rows.length < batch) break
          }
        } catch (error) {
          if (!BLOCKED.has(codeOf(error) ?? '')) throw error
          blocked.push(table)
        }
      }
      if (blocked.length === pending.length) throw new Error(`purge of tenant ${tenantId} is stuck on ${blocked.join(', ')}`)
      pending = blocked
    }
    deleted.memberships = (await runSql(req, sql`delete from users_tenants where tenant_id = ${tenantId} returning 1`)).length
  })
  await runAsSystem('tenant purge', async () => {
    const req = await createLocalReq({ context: { [PURGE_TENANT]: true } }, payload)
    await payload.delete({ collection: 'tenants', id: tenantId, overrideAccess: true, req })
  })
  return deleted
}

export const tenantPurgeTask: TaskConfig<typeof TENANT_PURGE_TASK> = {
  slug: TENANT_PURGE_TASK,
  label: 'Purge a deleted tenant',
  retries: 3,
  inputSchema: [{ name: 'tenantId', type: 'text', required: true }],
  handler: async ({ input, req }) => {
    // Checked again at run time: a tenant restored since it was queued is left alone.
    const tenant = await runAsSystem('tenant purge', () => req.payload.findByID({ collection: 'tenants', id: input.tenantId, depth: 0, overrideAccess: true, disableErrors: true }))
    if (!tenant?.deletedAt || Date.parse(tenant.deletedAt) > Date.now() - tenantRetentionDays() * 86_400_000) return { output: { deleted: {} } }
    return { output: { deleted: await purgeTenant(req.payload, input.tenantId) } }
  },
}

/**
 * Queue a purge for every tenant deleted longer ago than the retention (but not a second one for
 * a tenant whose purge is still waiting). Answers how many it queued.
 */
export async function queueTenantPurges(payload: Payload): Promise<number> {
  const before = new Date(Date.now() - tenantRetentionDays() * 86_400_000).toISOString()
  return queueForTenantsWhere(payload, TENANT_PURGE_TASK, { deletedAt: { less_than: before } }, 'tenant purge schedule')
}

/** Daily at 03:15 server time (TENANT_PURGE_CRON): queue the purges that are due (queueTenantPurges). */
export const queueTenantPurgesTask: TaskConfig<typeof QUEUE_TENANT_PURGES_TASK> = {
  slug: QUEUE_TENANT_PURGES_TASK,
  label: 'Queue the purges of deleted tenants',
  retries: 2,
  schedule: [{ cron: process.env.TENANT_PURGE_CRON ?? '15 3 * * *', queue: 'default' }],
  handler: async ({ req }) => ({ output: { queued: await queueTenantPurges(req.payload) } }),
}
