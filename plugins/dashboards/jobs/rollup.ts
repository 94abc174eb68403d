import type { TaskConfig } from 'payload'

import type { PerTenantTask } from '../host'
import type { ResolvedDashboardsOptions } from '../options'
import { recomputeRange, rollupChanged, type RollupResult } from '../rollup/run'

export const ROLLUP_TASK = 'dashboardsRollup'
export const RECOMPUTE_TASK = 'dashboardsRecompute'
export const QUEUE_ROLLUPS_TASK = 'dashboardsQueueRollups'

/** `dashboardsRollup` — one tenant's rollup brought up to date (the days changed since the last run, and the recent ones). */
export const rollupTask = (options: ResolvedDashboardsOptions) =>
  options.jobs.tenantTask<{ tenantId: string }, RollupResult>({
    slug: ROLLUP_TASK,
    label: 'Roll up a shop’s daily metrics',
    retries: 2,
    handler: async ({ input, req }) => ({ output: await rollupChanged(options, req, input.tenantId) }),
  })

/** `dashboardsRecompute` — one tenant's rollup recomputed for a day range (after a backfill, an import, a fix). */
export const recomputeTask = (options: ResolvedDashboardsOptions) =>
  options.jobs.tenantTask<{ tenantId: string; from: string; to: string }, RollupResult>({
    slug: RECOMPUTE_TASK,
    label: 'Recompute a shop’s daily metrics for a day range',
    retries: 1,
    inputSchema: [
      { name: 'tenantId', type: 'text', required: true },
      { name: 'from', type: 'text', required: true },
      { name: 'to', type: 'text', required: true },
    ],
    handler: async ({ input, req }) => ({ output: await recomputeRange(options, req, input.tenantId, input.from, input.to) }),
  })

/** Every `cron` (default 10 minutes): queue a rollup for each usable tenant. */
export const queueRollupsTask = (options: ResolvedDashboardsOptions): TaskConfig<{ input: object; output: { queued: number } }> => ({
  slug: QUEUE_ROLLUPS_TASK,
  label: 'Queue the shops’ dashboard rollups',
  retries: 1,
  schedule: [{ cron: options.cron, queue: 'default' }],
  handler: async ({ req }) => ({
    output: { queued: await options.jobs.queueForTenantsWhere(req.payload, ROLLUP_TASK as string as PerTenantTask, { status: { in: ['trial', 'active'] } }, 'dashboard rollup schedule') },
  }),
})

export const rollupTasks = (options: ResolvedDashboardsOptions) => [rollupTask(options), recomputeTask(options), queueRollupsTask(options)]
