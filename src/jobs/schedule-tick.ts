import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type TaskConfig } from 'payload'

import { runSql } from '../db/run-sql'
import { schedulesOf } from './schedules'

export const SCHEDULE_TICK_TASK = 'scheduleTick'

/** Payload's key-value table (the default database KV adapter): where claimed slots are remembered. */
const KV_TABLE = sql.identifier('payload_kv')

/** How long a claimed slot is remembered: far longer than any instance can lag behind another. */
const REMEMBER_SLOTS_MS = 24 * 60 * 60 * 1000

/** A tick's slot: its scheduled time to the second, as an ISO string — the same on every instance. */
export const slotOf = (date: Date): string => new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString()

export type TickResult = { queued: true; jobId: string } | { queued: false }

/**
 * A schedule fired for `slot` in this process: queue its `scheduleTick` job unless some instance
 * already did. In one transaction: take the schedule's advisory lock
 * (`pg_advisory_xact_lock(hashtextextended('schedule:<name>', 0))`), claim `schedule:<name>@<slot>`
 * in `payload_kv` (a unique key), queue the job, forget claims older than a day, commit. The claim
 * — not the job — is what makes it once: Payload deletes jobs when they complete.
 */
export async function tickSchedule(payload: Payload, name: string, slot: string): Promise<TickResult> {
  const req = await createLocalReq({}, payload)
  const started = await initTransaction(req)
  try {
    await runSql(req, sql`select pg_advisory_xact_lock(hashtextextended(${`schedule:${name}`}, 0))`)
    const claim = { schedule: name, slot, claimedAt: new Date().toISOString() }
    const claimed = await runSql(
      req,
      sql`insert into ${KV_TABLE} (key, data) values (${`schedule:${name}@${slot}`}, ${JSON.stringify(claim)}::jsonb)
          on conflict (key) do nothing returning id`,
    )
    if (claimed.length === 0) {
      if (started) await commitTransaction(req)
      return { queued: false }
    }
    const job = (await payload.jobs.queue({ task: SCHEDULE_TICK_TASK as never, input: { schedule: name, slot } as never, req })) as { id: number | string }
    const forgetBefore = new Date(Date.parse(slot) - REMEMBER_SLOTS_MS).toISOString()
    await runSql(
      req,
      sql`delete from ${KV_TABLE} where key like 'schedule:%' and data->>'schedule' = ${name} and (data->>'slot') collate "C" < ${forgetBefore}`,
    )
    if (started) await commitTransaction(req)
    return { queued: true, jobId: String(job.id) }
  } catch (error) {
    if (started) await killTransaction(req)
    throw error
  }
}

/**
 * The fan-out job of one schedule slot: calls the schedule's `run` (which queues the real work,
 * usually one tenant job per tenant). Runs without a tenant: `run` chooses its own context.
 */
export const scheduleTickTask = (): TaskConfig<{ input: { schedule: string; slot: string }; output: { skipped?: string } }> => ({
  slug: SCHEDULE_TICK_TASK as never,
  label: 'Schedule tick',
  retries: 2,
  inputSchema: [
    { name: 'schedule', type: 'text', required: true },
    { name: 'slot', type: 'text', required: true },
  ],
  handler: async ({ input, req }) => {
    const schedule = schedulesOf(req.payload).find((s) => s.name === input.schedule)
    if (!schedule) {
      req.payload.logger.warn({ schedule: input.schedule, slot: input.slot }, `schedule ${input.schedule} is not configured: tick skipped`)
      return { output: { skipped: 'unknown schedule' } }
    }
    await schedule.run(req.payload, { slot: input.slot })
    return { output: {} }
  },
})
