import cron, { type ScheduledTask } from 'node-cron'
import type { Payload } from 'payload'

import { processGlobal } from '../runtime/process-global'
import { slotOf } from './claim-slot'
import { fireSchedule } from './fire-schedule'
import { runQueuedJobs } from './run-queued-jobs'
import { scheduledTasks } from './scheduled-tasks'

/** How often queued Payload jobs are picked up (node-cron, with seconds). */
const RUN_JOBS_EVERY = process.env.JOBS_RUN_CRON ?? '*/10 * * * * *'

// Per process (src/runtime/process-global.ts): one set of schedules whichever bundle starts them.
const running = processGlobal('jobs.schedules', () => ({ tasks: [] as ScheduledTask[] }))

type Firing = { name: string; cron: string; fire: (slot: string) => Promise<unknown> }

/** Every cron entry of the config: each task's `schedule` entries. */
function firings(payload: Payload): Firing[] {
  return scheduledTasks(payload.config).flatMap((task) => task.schedule.map((entry) => ({ name: task.slug, cron: entry.cron, fire: (slot: string) => fireSchedule(payload, task.slug, slot, entry.queue) })))
}

/**
 * Start the clock: for every task with a `schedule` (scheduled-tasks.ts) a node-cron firing per
 * entry, and the job runner of each queue they use (and `default`). Only the web server does
 * this (`RUN_SCHEDULES=1`, set by `npm run dev`/`start`): CLI tasks, builds and tests do not.
 *
 * Every instance may run it: a firing only claims its slot and queues the task's job (once
 * across instances, claim-slot.ts), and the runner claims jobs atomically (run-queued-jobs.ts),
 * so each job runs on one instance. Payload's own scheduler stays off (registerTasks).
 */
export function startSchedules(payload: Payload): void {
  if (process.env.RUN_SCHEDULES !== '1' || running.tasks.length > 0) return
  if (payload.config.jobs.scheduling) payload.logger.error('a task reached jobs.tasks with a raw `schedule`: register tasks with withTasks (src/jobs/scheduled-tasks.ts)')
  const guarded =
    <A extends unknown[]>(name: string, run: (...args: A) => Promise<unknown>) =>
    async (...args: A) => {
      try {
        await run(...args)
      } catch (err) {
        payload.logger.error({ err, schedule: name }, `schedule ${name} failed`)
      }
    }
  const all = firings(payload)
  const queues = [...new Set(['default', ...scheduledTasks(payload.config).flatMap((t) => t.schedule.map((e) => e.queue))])]
  running.tasks = [
    ...all.map((f) =>
      cron.schedule(
        f.cron,
        guarded(f.name, ({ date }: { date: Date }) => f.fire(slotOf(date))),
        { name: `${f.name} ${f.cron}`, noOverlap: true },
      ),
    ),
    ...queues.map((queue) =>
      cron.schedule(
        RUN_JOBS_EVERY,
        guarded(`run-jobs:${queue}`, () => runQueuedJobs(payload, { limit: 50, queue })),
        { name: `run-jobs:${queue}`, noOverlap: true },
      ),
    ),
  ]
  payload.logger.info(`schedules started: ${[...all.map((f) => `${f.name} (${f.cron})`), `run-jobs ${queues.join(', ')} (${RUN_JOBS_EVERY})`].join(', ')}`)
}

export async function stopSchedules(): Promise<void> {
  await Promise.all(running.tasks.map(async (task) => task.stop()))
  running.tasks = []
}
