import type { Payload, TaskConfig } from 'payload'

import { claimSlot, type ClaimResult } from './claim-slot'
import type { Schedule } from './schedules'

/**
 * @deprecated The fan-out job of a `withSchedules` schedule (schedules.ts): goes with it once the
 * plugins declare `schedule` on their tasks (then its slug needs a migration out of the
 * payload_jobs enums).
 */
export const SCHEDULE_TICK_TASK = 'scheduleTick'

/** @deprecated The `withSchedules` schedules of the config. */
export const schedulesOf = (payload: Payload): Schedule[] => (payload.config.custom as { schedules?: Schedule[] } | undefined)?.schedules ?? []

/**
 * @deprecated A `withSchedules` schedule fired for `slot`: claim the slot once across instances
 * (claim-slot.ts, under the schedule's name) and queue its `scheduleTick` job.
 */
export const tickSchedule = (payload: Payload, name: string, slot: string): Promise<ClaimResult> =>
  claimSlot(payload, name, slot, (req) => payload.jobs.queue({ task: SCHEDULE_TICK_TASK, input: { schedule: name, slot }, req }))

/**
 * @deprecated The fan-out job of one `withSchedules` slot: calls the schedule's `run` (which
 * queues the real work). Registered by `withSchedules` itself, so it leaves with the last caller.
 */
export const scheduleTickTask = (): TaskConfig<typeof SCHEDULE_TICK_TASK> => ({
  slug: SCHEDULE_TICK_TASK,
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
