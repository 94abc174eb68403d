import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { runQueuedJobs } from '../../src/jobs/run-queued-jobs'
import { QUEUE_TRIAL_CHECKS_TASK } from '../../src/tenancy/trial-expiry'
import { asSystem } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'

const jobRow = async (id: number | string) => (await ownerPool().query<{ processing: boolean }>(`select processing from payload_jobs where id = $1`, [id])).rows[0]

/** As an instance that claimed the job and died: `processing`, its row untouched for `minutesAgo`. */
const leftProcessing = (id: number | string, minutesAgo: number) => ownerPool().query(`update payload_jobs set processing = true, updated_at = now() - make_interval(mins => $2) where id = $1`, [id, minutesAgo])

describe('jobs left processing by an instance that died', () => {
  let payload: Payload
  beforeAll(async () => {
    payload = await freshPayload()
  })

  const queue = async () => (await asSystem(() => payload.jobs.queue({ task: QUEUE_TRIAL_CHECKS_TASK, input: {}, overrideAccess: true }))).id

  it('are queued again after JOBS_STALE_AFTER_SECONDS (default 10 minutes) and run once; a job still being run is left alone', async () => {
    const orphan = await queue()
    const running = await queue()
    await leftProcessing(orphan, 11)
    await leftProcessing(running, 1)

    const claimed = await runQueuedJobs(payload)
    expect(claimed.map((job) => job.id)).toContain(String(orphan))
    expect(claimed.map((job) => job.id)).not.toContain(String(running))
    // Run to completion: Payload deletes a completed job.
    expect(await jobRow(orphan)).toBeUndefined()
    expect(await jobRow(running)).toEqual({ processing: true })

    // Nothing is run twice: the next poll finds no runnable job left of these.
    expect((await runQueuedJobs(payload)).map((job) => job.id)).not.toContain(String(running))
    await ownerPool().query(`delete from payload_jobs where id = $1`, [running])
  })
})
