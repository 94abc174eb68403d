import type { Payload, TaskType } from 'payload'

import { claimSlot, type ClaimResult } from './claim-slot'

/**
 * A task's schedule fired for `slot` in this process: queue the task (empty input, into the
 * schedule's `queue`) once across every instance — the slot is claimed per task
 * (claim-slot.ts; the claim in `payload_kv` is the record of the slot), so two entries of one
 * task firing the same second, or two instances, queue one job. The job may still run twice (a
 * retry after a crash), so a scheduled task must tolerate that (fan-outs: queue-for-tenants.ts).
 */
export async function fireSchedule(payload: Payload, task: TaskType, slot: string, queue = 'default'): Promise<ClaimResult> {
  const result = await claimSlot(payload, task, slot, (req) => payload.jobs.queue({ task, input: {}, queue, req }))
  if (result.queued) payload.logger.info({ schedule: task, slot, job: result.jobId }, `schedule ${task} ${slot}: queued job ${result.jobId}`)
  else payload.logger.debug({ schedule: task, slot }, `schedule ${task} ${slot}: claimed by another instance`)
  return result
}
