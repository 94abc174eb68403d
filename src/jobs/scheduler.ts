import cron, { type ScheduledTask } from 'node-cron'
import type { Payload } from 'payload'

import { processGlobal } from '../process-global'
import { runQueuedJobs } from './run-queued-jobs'
import { slotOf, tickSchedule } from './schedule-tick'
import { schedulesOf } from './schedules'

export { schedulesOf, withSchedules, type Schedule, type ScheduleTick } from './schedules'

/** How often queued Payload jobs are picked up (node-cron, with seconds). */
const RUN_JOBS_EVERY = process.env.JOBS_RUN_CRON ?? '*/10 * * * * *'

// Per process (src/process-global.ts): one set of schedules whichever bundle starts them.
const running = processGlobal('jobs.schedules', () => ({ tasks: [] as ScheduledTask[] }))

/**
 * Start the config's schedules and the job runner (node-cron). Only the web server does this
 * (`RUN_SCHEDULES=1`, set by `npm run dev`/`start`): CLI tasks, builds and tests do not.
 *
 * Every instance may run them: a schedule's firing only claims its slot and queues one
 * `scheduleTick` job (once across instances, schedule-tick.ts), and the runner claims jobs
 * atomically (run-queued-jobs.ts), so each job runs on one instance.
 */
export function startSchedules(payload: Payload): void {
  if (process.env.RUN_SCHEDULES !== '1' || running.tasks.length > 0) return
  const guarded =
    <A extends unknown[]>(name: string, run: (...args: A) => Promise<unknown>) =>
    async (...args: A) => {
      try {
        await run(...args)
      } catch (err) {
        payload.logger.error({ err, schedule: name }, `schedule ${name} failed`)
      }
    }
  running.tasks = [
    ...schedulesOf(payload).map((s) =>
      cron.schedule(s.cron, guarded(s.name, ({ date }: { date: Date }) => tickSchedule(payload, s.name, slotOf(date))), { name: s.name, noOverlap: true }),
    ),
    cron.schedule(RUN_JOBS_EVERY, guarded('run-jobs', () => runQueuedJobs(payload, { limit: 50 })), { name: 'run-jobs', noOverlap: true }),
  ]
  payload.logger.info(`schedules started: ${[...schedulesOf(payload).map((s) => `${s.name} (${s.cron})`), `run-jobs (${RUN_JOBS_EVERY})`].join(', ')}`)
}

export async function stopSchedules(): Promise<void> {
  await Promise.all(running.tasks.map((task) => task.stop()))
  running.tasks = []
}
