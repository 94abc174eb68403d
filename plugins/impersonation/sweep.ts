import type { PayloadRequest, TaskConfig, Where } from 'payload'

import { GRANTS, idOf, type Grant, type GrantStatus } from './grants'
import type { ResolvedImpersonationOptions } from './options'

export const IMPERSONATION_SWEEP_TASK = 'impersonationSweep'

/** Grants one run closes at most (the next run takes the rest). */
const MAX_PER_RUN = 500

/** Open grants past their time: requests nobody decided or started, and sessions that ran out. */
const pastTheirTime = (statuses: GrantStatus[], now: string): Where => ({ and: [{ status: { in: statuses } }, { expiresAt: { less_than_equal: now } }] })

/**
 * Close every grant past its `expiresAt`: a request or an approved grant not started in time is
 * `expired`; an active session that ran out is `expired` with `endedAt` and its token hash cleared
 * — even if nobody sent another request with its cookie (the strategy marks those lazily). Each one
 * gets its entry in the shop's audit log. As the platform (row-level security bypassed, recorded).
 * Answers the grants closed.
 */
export async function expireGrants(req: PayloadRequest, options: ResolvedImpersonationOptions, now = new Date()): Promise<number> {
  const at = now.toISOString()
  return options.tenancy.runAsSystem('impersonation: expiry sweep', async () => {
    let closed = 0
    for (const { statuses, data } of [
      { statuses: ['active'] as GrantStatus[], data: { status: 'expired', endedAt: at, tokenHash: null } },
      { statuses: ['requested', 'approved'] as GrantStatus[], data: { status: 'expired' } },
    ]) {
      const { docs } = await req.payload.find({ collection: GRANTS as 'users', where: pastTheirTime(statuses, at), sort: 'expiresAt', limit: MAX_PER_RUN, depth: 0, overrideAccess: true, req })
      for (const grant of docs as unknown as Grant[]) {
        // Conditional on the status it read: a grant ended or denied meanwhile is left as it is.
        const { docs: updated } = await req.payload.update({
          collection: GRANTS as 'users',
          where: { and: [{ id: { equals: grant.id } }, { status: { equals: grant.status } }] },
          data: data as never,
          depth: 0,
          overrideAccess: true,
          req,
        })
        if (!updated.length) continue
        closed++
        const what = grant.status === 'active' ? `session ran out at ${grant.expiresAt}` : `${grant.status} grant not started by ${grant.expiresAt}`
        await options.audit(req, { tenant: idOf(grant.tenant), action: 'impersonation', summary: `impersonation expired: ${what}`, collection: GRANTS, documentId: grant.id })
      }
    }
    return closed
  })
}

/** `impersonationSweep`, on the host's clock (`sweepCron`, every 5 minutes by default): expireGrants. */
export const sweepTask = (options: ResolvedImpersonationOptions): TaskConfig => ({
  slug: IMPERSONATION_SWEEP_TASK,
  label: 'Close expired impersonation grants',
  retries: 1,
  schedule: [{ cron: options.sweepCron, queue: 'default' }],
  handler: async ({ req }) => ({ output: { expired: await expireGrants(req, options) } }),
})
