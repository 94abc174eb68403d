import type { TaskConfig } from 'payload'

import { runCanary } from './canary'

export const PLATFORM_CANARY_TASK = 'platformCanary'

/**
 * Every 15 minutes (PLATFORM_CANARY_CRON): the isolation canary (canary.ts). A leak does not fail
 * the job (a retry would find the same): it is logged as an error and recorded as a failing run,
 * which the platform health page shows.
 */
export const platformCanaryTask: TaskConfig = {
  slug: PLATFORM_CANARY_TASK,
  label: 'Isolation canary',
  retries: 1,
  schedule: [{ cron: process.env.PLATFORM_CANARY_CRON ?? '*/15 * * * *', queue: 'default' }],
  handler: async ({ req }) => {
    const { status, summary } = await runCanary(req.payload)
    return { output: { status, tenantsChecked: summary.tenantsChecked, leaks: summary.leaks.length } }
  },
}
