import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type TaskConfig } from 'payload'

import { metaOptions } from '../options'
import { runSql } from '../run-sql'
import { PROCESS_TASK } from '../webhook/store-events'

export const SWEEP_TASK = 'metaEventSweep'

/**
 * Every minute (the host's clock, once per slot across instances): a processing job for each
 * tenant whose webhook events have waited more than a minute (a process that stopped between
 * storing and processing, a failed attempt to retry) — but not a second one for a tenant whose
 * processing job is still waiting (the host's queueForTenants), so a backed-up runner does not
 * collect one more job per tenant each minute.
 */
export const metaEventSweep: TaskConfig<typeof SWEEP_TASK> = {
  slug: SWEEP_TASK,
  label: 'Queue the processing of waiting Meta webhook events',
  schedule: [{ cron: '* * * * *', queue: 'default' }],
  handler: async ({ req: { payload } }) => {
    const req = await createLocalReq({}, payload)
    const { jobs, tenancy } = metaOptions(payload.config)
    const rows = await tenancy.runAsSystem('meta: find tenants with waiting webhook events', () =>
      runSql(
        req,
        sql`select distinct e.tenant_id from meta_events e join tenants t on t.id = e.tenant_id
            where e.status in ('pending', 'processing') and e.updated_at < now() - interval '1 minute'
              and t.status in ('trial', 'active') and t.deleted_at is null`,
      ),
    )
    return {
      output: {
        queued: await jobs.queueForTenants(
          req,
          PROCESS_TASK,
          rows.map((row) => String(row.tenant_id)),
        ),
      },
    }
  },
}
