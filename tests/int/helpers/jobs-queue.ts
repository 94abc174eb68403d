import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'

import { runSql } from '../../../src/db/run-sql'
import { runQueuedJobs, type ClaimedJob } from '../../../src/jobs/run-queued-jobs'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Jobs not finished yet: queued, waiting for a retry or running (Payload deletes finished ones). */
export async function unfinishedJobs(payload: Payload): Promise<number> {
  const [row] = await runSql(await createLocalReq({}, payload), sql`select count(*)::int as n from payload_jobs where completed_at is null and has_error is not true`)
  return Number(row?.n ?? 0)
}

/**
 * Run the queue with the app's runner (run-queued-jobs.ts) until no job is left anywhere —
 * including the jobs that jobs queue, and those another instance is still running. Answers the
 * jobs this process ran.
 */
export async function drainQueue(payload: Payload, timeoutMs = 30_000): Promise<ClaimedJob[]> {
  const ran: ClaimedJob[] = []
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const claimed = await runQueuedJobs(payload, { limit: 50 })
    ran.push(...claimed)
    if (claimed.length > 0) continue
    if ((await unfinishedJobs(payload)) === 0) return ran
    if (Date.now() > deadline) throw new Error(`the job queue did not drain within ${timeoutMs} ms`)
    await sleep(50)
  }
}
