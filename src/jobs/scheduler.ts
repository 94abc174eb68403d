import cron, { type ScheduledTask } from 'node-cron'
import type { Config, Payload } from 'payload'

import { processGlobal } from '../process-global'

/** Work to start on a cron expression — usually: queue Payload jobs (one per tenant). */
export type Schedule = { name: string; cron: string; run: (payload: Payload) => Promise<void> }

type Custom = { schedules?: Schedule[] }

/** For plugins: add schedules to the config (started by startSchedules in onInit). */
export const withSchedules = (config: Config, schedules: Schedule[]): Config => ({
  ...config,
  custom: { ...config.custom, schedules: [...((config.custom as Custom | undefined)?.schedules ?? []), ...schedules] },
})

export const schedulesOf = (payload: Payload): Schedule[] => (payload.config.custom as Custom | undefined)?.schedules ?? []

/** How often queued Payload jobs are picked up (node-cron, with seconds). */
const RUN_JOBS_EVERY = process.env.JOBS_RUN_CRON ?? '*/10 * * * * *'

// Per process (src/process-global.ts): one set of schedules whichever bundle starts them.
const running = processGlobal('jobs.schedules', () => ({ tasks: [] as ScheduledTask[] }))

/**
 * Start the config's schedules and the job runner (node-cron). Only the web server does this
 * (`RUN_SCHEDULES=1`, set by `npm run dev`/`start`): CLI tasks, builds and tests do not.
 */
export function startSchedules(payload: Payload): void {
  if (process.env.RUN_SCHEDULES !== '1' || running.tasks.length > 0) return
  const guarded = (name: string, run: () => Promise<unknown>) => async () => {
    try {
      await run()
    } catch (err) {
      payload.logger.error({ err, schedule: name }, `schedule ${name} failed`)
    }
  }
  running.tasks = [
    ...schedulesOf(payload).map((s) => cron.schedule(s.cron, guarded(s.name, () => s.run(payload)), { name: s.name, noOverlap: true })),
    cron.schedule(RUN_JOBS_EVERY, guarded('run-jobs', () => payload.jobs.run({ limit: 50 })), { name: 'run-jobs', noOverlap: true }),
  ]
  payload.logger.info(`schedules started: ${[...schedulesOf(payload).map((s) => `${s.name} (${s.cron})`), `run-jobs (${RUN_JOBS_EVERY})`].join(', ')}`)
}

export async function stopSchedules(): Promise<void> {
  await Promise.all(running.tasks.map((task) => task.stop()))
  running.tasks = []
}
