import type { Payload, TaskConfig } from 'payload'

import { runAsSystem, runWithTenant } from '../../../src/tenancy/request-context'
import type { Schedule } from '../../../src/jobs/scheduler'
import { isTenantUsable } from '../../../src/tenancy/tenant-status'
import { USAGE_SNAPSHOTS } from '../collections/UsageSnapshots'
import { dayOf } from '../period'
import { one, sql, tableOf } from '../sql'
import { quotaOptions, tenantQuota } from '../tenant-quota'
import { tenantUsage } from '../usage'

export const SNAPSHOT_TASK = 'usageSnapshot'

/** Record one tenant's usage of every limit for today (its timezone); re-running updates the day. */
export const usageSnapshotTask = (): TaskConfig<{ input: { tenantId: string }; output: { day: null | string } }> => ({
  slug: SNAPSHOT_TASK as never,
  label: 'Daily usage snapshot',
  retries: 2,
  inputSchema: [{ name: 'tenantId', type: 'text', required: true }],
  handler: async ({ input, req }) => {
    const { tenantId } = input
    return runWithTenant({ tenantId, via: 'job' }, async () => {
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
