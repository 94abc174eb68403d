import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'

import { runSql } from '../db/run-sql'

export type ClaimedJob = { id: string; task: string | null }

/**
 * A job marked `processing` whose row has not changed for this long belongs to an instance that
 * died while running it (killed, out of memory, the machine lost): it is handed back to the
 * queue. Longer than any task here takes (JOBS_STALE_AFTER_SECONDS, default 600); Payload's own
 * runner never clears `processing` of a job whose runner vanished.
 */
export const staleAfterSeconds = (): number => Math.max(1, Number(process.env.JOBS_STALE_AFTER_SECONDS ?? 600) || 600)

/**
 * Run up to `limit` queued jobs of `queue`, safely beside other instances doing the same.
 *
 * Payload 3's own runner (`payload.jobs.run`) finds runnable jobs and then marks them
 * `processing` in a second step, so two instances polling at the same second can both pick up —
 * and both run — the same job (payloadcms/payload#16043, fixed only in a later major). Here the
 * claim is one statement: `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING`,
 * with Payload's own conditions for a runnable job; each claimed job then runs through
 * `payload.jobs.runByID` (retries, logs and deletion on completion stay Payload's). Jobs an
 * instance claimed and never finished (it died) are queued again first: staleAfterSeconds.
 */
export async function runQueuedJobs(payload: Payload, { limit = 50, queue = 'default' }: { limit?: number; queue?: string } = {}): Promise<ClaimedJob[]> {
  const req = await createLocalReq({}, payload)
  const orphaned = await runSql(
    req,
    sql`update payload_jobs set processing = false, updated_at = now()
        where processing and completed_at is null and queue = ${queue}
          and updated_at < now() - make_interval(secs => ${staleAfterSeconds()})
        returning id`,
  )
  if (orphaned.length > 0) payload.logger.warn({ jobs: orphaned.map((row) => String(row.id)), queue }, `${orphaned.length} job(s) of ${queue} left processing by a vanished instance: queued again`)
  const rows = await runSql(
    req,
    sql`update payload_jobs set processing = true, updated_at = now()
        where id in (
          select id from payload_jobs
          where completed_at is null and has_error is not true and processing is not true
            and (wait_until is null or wait_until < now()) and queue = ${queue}
          order by created_at
          limit ${limit}
          for update skip locked)
        returning id, task_slug`,
  )
  const claimed = rows.map((row) => ({ id: String(row.id), task: (row.task_slug as string | null) ?? null }))
  // Which instance ran which job: the one trace left of a job Payload deletes on completion.
  if (claimed.length > 0) payload.logger.info({ claimedJobs: claimed.map((job) => job.id), queue }, `claimed ${claimed.length} job(s) of ${queue}`)
  const results = await Promise.allSettled(claimed.map((job) => payload.jobs.runByID({ id: job.id })))
  results.forEach((result, i) => {
    if (result.status === 'rejected') payload.logger.error({ err: result.reason, job: claimed[i].id }, `job ${claimed[i].id} could not be run`)
  })
  return claimed
}
