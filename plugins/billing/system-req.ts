import { createLocalReq, type PayloadRequest } from 'payload'

/**
 * A request without a user that shares `req`'s transaction: for the plugin's own writes of
 * platform-owned fields on behalf of a signed-in caller (the host's tenant guard applies the
 * caller's field limits even with `overrideAccess`). The tenant context is the caller's.
 */
export async function systemReqOf(req: PayloadRequest): Promise<PayloadRequest> {
  if (!req.user) return req
  const system = await createLocalReq({}, req.payload)
  system.transactionID = req.transactionID
  system.context = { ...req.context }
  return system
}
