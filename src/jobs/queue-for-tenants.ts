import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest, type TaskInput, type TaskType, type Where } from 'payload'

import { runSql } from '../db/run-sql'
import { runAsSystem } from '../tenancy/request-context'

/** The tasks whose whole input is `{ tenantId }` (usually `tenantTask`s). */
export type PerTenantTask = { [S in TaskType]: { tenantId: string } extends TaskInput<S> ? (TaskInput<S> extends { tenantId: string } ? S : never) : never }[TaskType]

/**
 * The fan-out of a scheduled task: queue `task` once for each tenant of `tenantIds`, leaving
 * out the tenants that already have one waiting (queued, running or due for a retry). So a
 * fan-out job that runs twice for its slot — a retry after it failed half-way, or a second
 * instance that ran it after a crash — does not queue the work twice; work already done and
 * deleted by Payload is queued again, which each per-tenant task must tolerate (they are written
 * to: an upsert per day, warnings remembered, a purge that checks again). Answers how many it queued.
 */
export async function queueForTenants(req: PayloadRequest, task: PerTenantTask, tenantIds: string[]): Promise<number> {
  if (tenantIds.length === 0) return 0
  const waiting = await runSql(
    req,
    sql`select distinct input->>'tenantId' as tenant_id from payload_jobs
        where task_slug = ${task} and completed_at is null and has_error is not true`,
  )
  const skip = new Set(waiting.map((row) => String(row.tenant_id)))
  const due = [...new Set(tenantIds)].filter((tenantId) => !skip.has(tenantId))
  for (const tenantId of due) await req.payload.jobs.queue({ task, input: { tenantId }, req })
  return due.length
}

/**
 * A fan-out's usual body: the tenants matching `where` (read as the platform, `reason`
 * recorded), each queued `task` once (queueForTenants). Answers how many it queued.
 */
export async function queueForTenantsWhere(payload: Payload, task: PerTenantTask, where: Where, reason: string): Promise<number> {
  const { docs } = await runAsSystem(reason, () => payload.find({ collection: 'tenants', where, depth: 0, limit: 0, pagination: false, overrideAccess: true, select: {} }))
  return queueForTenants(
    await createLocalReq({}, payload),
    task,
    docs.map((tenant) => String(tenant.id)),
  )
}
