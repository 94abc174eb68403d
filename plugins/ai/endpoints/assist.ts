import type { Endpoint, PayloadRequest } from 'payload'

import { clip } from '../features/clip'
import { draftOrder } from '../features/draft-order'
import { recordAnswer, runFeature } from '../features/run'
import { hostOf } from '../options'
import { assistantRequest } from './request'

const json = (body: unknown) => Response.json(body, { headers: { 'cache-control': 'no-store' } })

/**
 * POST /api/ai/suggest-reply `{ conversation }` (?tenant=) — a draft of the shop's next reply, in
 * the conversation's language, grounded on the shop's products, policy text, the customer's
 * orders and the thread. Nothing is sent: staff edit it and send it through the inbox's own send
 * path (window and message quota apply there).
 */
export const suggestReplyEndpoint: Endpoint = {
  path: '/ai/suggest-reply',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const { tenantId, work, conversationId } = await assistantRequest(req, 'use the assistant')
    return hostOf(req).tenancy.runWithTenant(work, async () => {
      const run = { feature: 'suggest-reply' as const, tenantId, conversationId, tools: true }
      const result = await runFeature(req, run)
      await recordAnswer(req, run, result, 'ok')
      return json({ text: clip(result.text, result.maxChars), language: result.language })
    })
  },
}

/** POST /api/ai/summarise `{ conversation }` — a few sentences for a colleague taking the conversation over. */
export const summariseEndpoint: Endpoint = {
  path: '/ai/summarise',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const { tenantId, work, conversationId } = await assistantRequest(req, 'use the assistant')
    return hostOf(req).tenancy.runWithTenant(work, async () => {
      const run = { feature: 'summarise' as const, tenantId, conversationId, tools: false }
      const result = await runFeature(req, run)
      await recordAnswer(req, run, result, 'ok')
      return json({ summary: result.text, language: result.language })
    })
  },
}

/**
 * POST /api/ai/draft-order `{ conversation }` — the products (of this shop only) and quantities
 * the customer asked for, for the inbox's Create order drawer; staff check and save it.
 */
export const draftOrderEndpoint: Endpoint = {
  path: '/ai/draft-order',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    const { tenantId, work, conversationId } = await assistantRequest(req, 'use the assistant')
    return hostOf(req).tenancy.runWithTenant(work, async () => json(await draftOrder(req, tenantId, conversationId)))
  },
}
