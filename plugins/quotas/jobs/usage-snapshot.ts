import { commitTransaction, initTransaction, killTransaction, type Payload, type PayloadRequest, type TaskConfig } from 'payload'

import { runAsSystem, runWithTenant } from '../../../src/tenancy/request-context'
import type { Schedule } from '../../../src/jobs/scheduler'
import { isTenantUsable } from '../../../src/tenancy/tenant-status'
import { USAGE_SNAPSHOTS } from '../collections/UsageSnapshots'
import { reconcileCounters } from '../count-limits'
import { dayOf } from '../period'
import { one, sql, tableOf } from '../sql'
import { quotaOptions, tenantQuota } from '../tenant-quota'
import { tenantUsage } from '../usage'

export const SNAPSHOT_TASK = 'usageSnapshot'

/**
 * Record one tenant's usage of every limit for today (its timezone); re-running updates the day.
 * First sets its running totals to the real counts (count-limits.ts).
 */
export const usageSnapshotTask = (): TaskConfig<{ input: { tenantId: string }; output: { day: null | string } }> => ({
  slug: SNAPSHOT_TASK as never,
  label: 'Daily usage snapshot',
  retries: 2,
  inputSchema: [{ name: 'tenantId', type: 'text', required: true }],
  handler: async ({ input, req }) => {
    const { tenantId } = input
    return runWithTenant({ tenantId, via: 'job' }, async () => {
      await inTransaction(req, () => reconcileCounters(req, tenantId))
      const usage = await tenantUsage(req, tenantId)
      if (!usage) return { output: { day: null } }
      const values = Object.fromEntries(usage.limits.map((l) => [l.limit, l.used]))
      const day = dayOf(new Date(), (await tenantQuota(req, tenantId))?.timezone ?? 'UTC')
      await one(
        req,
        sql`insert into ${tableOf(req.payload, USAGE_SNAPSHOTS)} (tenant_id, day, usage) values (${tenantId}, ${day}, ${JSON.stringify(values)}::jsonb)
            on conflict (tenant_id, day) do update set usage = excluded.usage, updated_at = now()`,
      )
      return { output: { day } }
    })
  },
})

async function inTransaction(req: PayloadRequest, fn: () => Promise<void>): Promise<void> {
  const started = await initTransaction(req)
  try {
    await fn()
    if (started) await commitTransaction(req)
  } catch (error) {
    if (started) await killTransaction(req)
    throw error
  }
}

/** Queue a snapshot job for every usable tenant (each job carries its tenant). */
export async function queueUsageSnapshots(payload: Payload): Promise<number> {
  const { docs } = await runAsSystem('usage snapshot schedule', () =>
    payload.find({ collection: quotaOptions(payload).tenantsSlug as 'tenants', depth: 0, limit: 0, pagination: false, overrideAccess: true, select: { status: true, deletedAt: true } }),
  )
  const tenants = docs.filter((t) => isTenantUsable(t))
  for (const tenant of tenants) await payload.jobs.queue({ task: SNAPSHOT_TASK as never, input: { tenantId: String(tenant.id) } as never })
  return tenants.length
}

export const snapshotSchedule = (cron: string): Schedule => ({
  name: 'usage-snapshots',
  cron,
  run: async (payload) => {
    await queueUsageSnapshots(payload)
  },
})
