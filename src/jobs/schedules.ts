import type { Config, Payload } from 'payload'

import { withTasks } from './scheduled-tasks'
import { SCHEDULE_TICK_TASK, scheduleTickTask } from './schedule-tick'

export { schedulesOf } from './schedule-tick'

/** @deprecated One firing of a `withSchedules` schedule: its slot (ISO, to the second). */
export type ScheduleTick = { slot: string }

/**
 * @deprecated Declare `schedule: [{ cron, queue }]` on the task instead (scheduled-tasks.ts);
 * this shim lives only until plugins/quotas and plugins/meta are ported. `run` is called once
 * per slot across instances from a `scheduleTick` job, and again if that job is retried.
 */
export type Schedule = { name: string; cron: string; run: (payload: Payload, tick?: ScheduleTick) => Promise<void> }

type Custom = { schedules?: Schedule[] }

/**
 * @deprecated Use `withTasks(config, [{ ...task, schedule: [{ cron, queue: 'default' }] }])`.
 * Adds schedules to `custom.schedules` and registers the `scheduleTick` task (once).
 */
export const withSchedules = (config: Config, schedules: Schedule[]): Config => {
  const ticks = config.jobs?.tasks?.some((task) => task.slug === SCHEDULE_TICK_TASK) ? config : withTasks(config, [scheduleTickTask()])
  return { ...ticks, custom: { ...ticks.custom, schedules: [...((ticks.custom as Custom | undefined)?.schedules ?? []), ...schedules] } }
}
