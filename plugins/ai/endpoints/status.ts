import type { Endpoint } from 'payload'

import { featureOn, unavailable } from '../features/run'
import { hostOf, providerOf } from '../options'
import { settingsOf } from '../prompt/grounding'
import { AI_FEATURES, AI_ROLES } from '../permissions'

/**
 * GET /api/ai/status (?tenant=) — what the inbox shows: whether the assistant is available to this
 * shop and caller, which features are on, and when not, why (the server is not configured, the
 * plan has no AI, a feature is off). No quota is used.
 */
export const statusEndpoint: Endpoint = {
  path: '/ai/status',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const provider = providerOf(options)
    const tenantId = await options.tenancy.endpointTenant(req, {
      roles: AI_ROLES,
      signIn: 'Sign in first.',
      choose: 'Name the shop: ?tenant=<id>.',
      forbidden: 'Your role may not use the assistant in this shop.',
    })
    const body = await options.tenancy.runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, async () => {
      const settings = await settingsOf(req, tenantId)
      const features = Object.fromEntries(AI_FEATURES.map((f) => [f, featureOn(settings, f)]))
      if (!provider.ok) return { available: false, reason: provider.reason, features }
      const refusal = await unavailable(req, tenantId, { ...settings, features: { suggestReply: true } }, 'suggest-reply')
      return refusal ? { available: false, reason: refusal.message, features } : { available: true, reason: null, features }
    })
    return Response.json(body, { headers: { 'cache-control': 'no-store' } })
  },
}
