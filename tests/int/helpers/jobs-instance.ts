/**
 * One app instance for tests/int/jobs.test.ts, run as its own Node process (jobs-instances.ts
 * starts it like src/cli starts its tasks: `node --conditions=production --import tsx`, with the
 * test run's DATABASE_URL and PAYLOAD_SECRET). It loads the real Payload config, says
 * `ready`, then obeys one command a line on stdin, each at a given wall-clock time so that
 * several instances act at once:
 *   fire <task> <slot> <atMs>       fire a task's schedule for a slot, as the clock (node-cron) would
 *   run <atMs>                      run the job queue until it is empty
 *   exit
 * Answers are stdout lines `@@ {"event": …}` (Payload's own logs are silenced).
 */
import readline from 'node:readline'
import { getPayload } from 'payload'

import config from '../../../payload.config'
import { closePayload } from '../../../src/db/close-payload'
import { fireSchedule } from '../../../src/jobs/fire-schedule'
import { scheduledTasks } from '../../../src/jobs/scheduled-tasks'
import { drainQueue } from './jobs-queue'

const say = (event: Record<string, unknown>) => process.stdout.write(`@@ ${JSON.stringify(event)}\n`)
const until = (atMs: string | undefined) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(atMs ?? 0) - Date.now())))

const payload = await getPayload({ config })
say({ event: 'ready', pid: process.pid })

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, ...args] = line.trim().split(/\s+/)
  try {
    if (command === 'fire') {
      const [name, slot, at] = args
      const task = scheduledTasks(payload.config).find((t) => t.slug === name)
      if (!task) throw new Error(`no scheduled task ${name}`)
      await until(at)
      say({ event: 'fired', pid: process.pid, ...(await fireSchedule(payload, task.slug, slot)) })
    } else if (command === 'run') {
      await until(args[0])
      say({ event: 'ran', pid: process.pid, jobs: await drainQueue(payload) })
    } else if (command === 'exit') {
      break
    }
  } catch (error) {
    say({ event: 'error', pid: process.pid, message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) })
  }
}
await closePayload(payload)
process.exit(0)
