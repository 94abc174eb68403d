import { createLocalReq, type Payload, type TaskConfig, type TaskInput } from 'payload'

import { USAGE_SNAPSHOTS } from '../collections/UsageSnapshots'
import { reconcileCounters } from '../count-limits'
import { quotaOptions, type QuotasJobs } from '../options'
import { dayOf } from '../period'
import { one, sql, tableOf } from '../sql'
import { tenantQuota } from '../tenant-quota'
import { tenantUsage } from '../usage'

export const SNAPSHOT_TASK = 'usageSnapshot'
/** The daily fan-out: queues a snapshot job per usable tenant. */
export const QUEUE_SNAPSHOTS_TASK = 'queueUsageSnapshots'

/**
 * Record one tenant's usage of every limit for today (its timezone); re-running updates the day.
 * First sets its running totals to the real counts (count-limits.ts). A tenant job: it runs in
 * its tenant's context and is skipped while the tenant is suspended, cancelled or deleted.
 */
export const usageSnapshotTask = ({ tenantTask }: Pick<QuotasJobs, 'tenantTask'>) =>
  tenantTask<TaskInput<typeof SNAPSHOT_TASK>, { day: null | string }>({
    slug: SNAPSHOT_TASK,
    label: 'Daily usage snapshot',
    retries: 2,
    handler: async ({ input, req }) => {
      const { tenantId } = input
      await quotaOptions(req.payload).db.withTransaction(req, () => reconcileCounters(req, tenantId))
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
    },
  })

/**
 * Queue a snapshot job for every usable tenant (each job carries its tenant), but not a second
 * one for a tenant whose snapshot is still waiting (the host's queueForTenants). Answers how many
 * it queued.
 */
export async function queueUsageSnapshots(payload: Payload): Promise<number> {
  const { jobs, tenancy, tenantsSlug } = quotaOptions(payload)
  const { docs } = await tenancy.runAsSystem('usage snapshot schedule', () =>
    payload.find({ collection: tenantsSlug as 'tenants', depth: 0, limit: 0, pagination: false, overrideAccess: true, select: { status: true, deletedAt: true } }),
  )
  const usableIds = docs.filter((t) => tenancy.isTenantUsable(t)).map((t) => String(t.id))
  return jobs.queueForTenants(await createLocalReq({}, payload), SNAPSHOT_TASK, usableIds)
}

/** On `cron` (the `snapshotSchedule` option), run by the host's clock once per slot: queue the day's snapshots. */
export const queueUsageSnapshotsTask = (cron: string): TaskConfig<typeof QUEUE_SNAPSHOTS_TASK> => ({
  slug: QUEUE_SNAPSHOTS_TASK,
  label: 'Queue the daily usage snapshots',
  retries: 2,
  schedule: [{ cron, queue: 'default' }],
  handler: async ({ req }) => ({ output: { queued: await queueUsageSnapshots(req.payload) } }),
})
