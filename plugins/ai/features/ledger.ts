import type { PayloadRequest } from 'payload'

import type { AiOutcome } from '../collections/AiUsage'
import { hostOf } from '../options'
import type { AiFeature } from '../permissions'

export type UsageEntry = {
  feature: AiFeature
  tenantId: string
  conversationId: string
  model: string
  outcome: AiOutcome
  calls: number
  tokensIn?: number
  tokensOut?: number
  latencyMs?: number
  messageId?: string
  error?: string
}

/** One row of the AI usage ledger, in its own transaction, as the system (staff cannot write it). No prompt, no answer. */
export async function recordUsage(req: PayloadRequest, entry: UsageEntry): Promise<void> {
  const { db } = hostOf(req)
  const system = await db.systemReq(req)
  await db.withTransaction(system, () =>
    req.payload.create({
      collection: 'ai-usage',
      data: {
        tenant: entry.tenantId,
        feature: entry.feature,
        outcome: entry.outcome,
        model: entry.model,
        tokensIn: entry.tokensIn ?? 0,
        tokensOut: entry.tokensOut ?? 0,
        latencyMs: entry.latencyMs ?? 0,
        calls: entry.calls,
        conversation: entry.conversationId,
        message: entry.messageId ?? null,
        error: entry.error ?? null,
      },
      overrideAccess: true,
      depth: 0,
      req: system,
    }),
  )
}
