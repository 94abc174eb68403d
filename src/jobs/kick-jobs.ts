import type { Payload } from 'payload'

import { processGlobal } from '../runtime/process-global'
import { runQueuedJobs } from './run-queued-jobs'

const state = processGlobal('jobs.kick', () => ({ timer: undefined as NodeJS.Timeout | undefined, running: false, again: false }))

/**
 * Run queued jobs in this process soon (after `afterMs`), instead of at the runner's next poll
 * (JOBS_RUN_CRON): for work a person is waiting on, such as a reply or an inbound message. Calls
 * within the delay share one run; a call during a run makes it go round once more. The claim is
 * the runner's (run-queued-jobs.ts), so other instances and the poll never run a job twice.
 * Work queued inside a transaction that has not committed yet is simply left to the poll.
 */
export function kickJobs(payload: Payload, afterMs: number): void {
  if (afterMs <= 0) return
  if (state.running) {
    state.again = true
    return
  }
  if (state.timer) return
  state.timer = setTimeout(() => {
    state.timer = undefined
    state.running = true
    void (async () => {
      try {
        do {
          state.again = false
          // Keep going while there is work: jobs queue further jobs (a reply queues its send).
          for (let round = 0; round < 20 && (await runQueuedJobs(payload, { limit: 20 })).length > 0; round++);
        } while (state.again)
      } catch (error) {
        payload.logger.error({ err: error }, 'running kicked jobs failed')
      } finally {
        state.running = false
      }
    })()
  }, afterMs)
  state.timer.unref?.()
}
