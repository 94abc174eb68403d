import { sql } from '@payloadcms/db-postgres'
import { createLocalReq } from 'payload'

import { runSql } from '../../../src/db/run-sql'
import type { Schedule } from '../../../src/jobs/schedules'
import { runAsSystem } from '../../../src/tenancy/request-context'
import { queueProcessing } from '../webhook/store-events'

/**
 * Every minute: a processing job for each tenant whose webhook events have waited more than a
 * minute (a process that stopped between storing and processing, a failed attempt to retry).
 */
export const sweepSchedule: Schedule = {
  name: 'meta-event-sweep',
  cron: '* * * * *',
  run: async (payload) => {
    const req = await createLocalReq({}, payload)
    const rows = await runAsSystem('meta: find tenants with waiting webhook events', () =>
      runSql(
        req,
        sql`select distinct e.tenant_id from meta_events e join tenants t on t.id = e.tenant_id
            where e.status in ('pending', 'processing') and e.updated_at < now() - interval '1 minute'
              and t.status in ('trial', 'active') and t.deleted_at is null`,
      ),
    )
    for (const row of rows) await queueProcessing(req, String(row.tenant_id))
  },
}
