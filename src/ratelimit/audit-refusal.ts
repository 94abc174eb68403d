import { createLocalReq, type PayloadRequest } from 'payload'

import { actorOf, recordAudit } from '../audit/record'
import { requestMeta } from '../audit/request-meta'
import type { Policy } from './policies'

/**
 * One `rate-limited` audit entry: "signup: 203.0.113.7 over 10 per 3600 s". Written on a request
 * of its own, outside the refused request's transaction (which the refusal rolls back), with the
 * refused request's id, IP and caller. Never fails the refusal it records.
 */
export async function auditRefusal(req: PayloadRequest, { policy, tenant, label, retryAfter }: { policy: Policy; tenant: null | string; label: string; retryAfter: number }): Promise<void> {
  try {
    const own = await createLocalReq({ context: {} }, req.payload)
    await recordAudit(own, [
      {
        tenant,
        action: 'rate-limited',
        summary: `${policy.name}: ${label} over ${policy.points} per ${policy.seconds} s (retry in ${retryAfter} s)`,
        actor: actorOf(req),
        meta: requestMeta(req),
      },
    ])
  } catch (err) {
    req.payload.logger.error({ err }, 'could not record a rate-limit refusal in the audit log')
  }
}
