import type { PayloadRequest } from 'payload'

import { invalid } from '../errors'
import type { TenantWork } from '../host'
import { hostOf } from '../options'
import { AI_ROLES } from '../permissions'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The shop an assistant endpoint acts for (the host's endpoint-tenant rule: `?tenant=`, else the
 * request's; staff who may answer conversations there) and the conversation named in the body.
 * The tenant is never taken from anything the model says.
 */
export async function assistantRequest(req: PayloadRequest, what: string): Promise<{ tenantId: string; work: TenantWork; conversationId: string }> {
  const options = hostOf(req)
  const tenantId = await options.tenancy.endpointTenant(req, {
    roles: AI_ROLES,
    signIn: 'Sign in first.',
    choose: 'Name the shop: ?tenant=<id>.',
    forbidden: `Your role may not ${what} in this shop.`,
  })
  const body = await options.http.jsonBody(req)
  const conversation = body.conversation
  if (typeof conversation !== 'string' || !UUID.test(conversation)) throw invalid('conversation', '`conversation` must be the id of one of this shop’s conversations.')
  return { tenantId, work: { tenantId, via: 'user', userId: String(req.user!.id) }, conversationId: conversation.toLowerCase() }
}
