import { createLocalReq, type PayloadRequest } from 'payload'

import { actOnBehalfOf } from './record'

/**
 * A request without a user that shares `req`'s transaction and context, for a plugin's own writes
 * of platform-owned rows on behalf of a signed-in caller (the tenant guard applies the caller's
 * matrix and field limits even with `overrideAccess`). The tenant context (row-level security) is
 * the caller's, from the async context; the audit trail names the caller, not "system".
 */
export async function systemReqFor(req: PayloadRequest): Promise<PayloadRequest> {
  if (!req.user) return req
  const system = await createLocalReq({}, req.payload)
  system.transactionID = req.transactionID
  system.context = { ...req.context }
  actOnBehalfOf(system, req)
  return system
}
