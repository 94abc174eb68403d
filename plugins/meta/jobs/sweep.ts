import { sql } from '@payloadcms/db-postgres'
import { createLocalReq } from 'payload'

import type { MetaSchedule } from '../host'
import { metaOptions } from '../options'
import { runSql } from '../run-sql'
import { queueProcessing } from '../webhook/store-events'

/**
 * Every minute: a processing job for each tenant whose webhook events have waited more than a
 * minute (a process that stopped between storing and processing, a failed attempt to retry).
 */
export const sweepSchedule: MetaSchedule = {
  name: 'meta-event-sweep',
  cron: '* * * * *',
  run: async (payload) => {
    const req = await createLocalReq({}, payload)
    const rows = await metaOptions(payload.config).tenancy.runAsSystem('meta: find tenants with waiting webhook events', () =>
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
