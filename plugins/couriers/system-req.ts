import { createLocalReq, type PayloadRequest } from 'payload'

import { hostOf } from './options'

/**
 * A request without a user that shares `req`'s transaction: for the plugin's own writes of
 * system-owned rows (shipment state, payouts) on behalf of a signed-in caller, whose role may
 * not write them directly (the host's tenant guard applies the caller's matrix and field limits
 * even with `overrideAccess`). The tenant context (row-level security) is the caller's, from the
 * async context; the audit trail names the caller (the host's `audit.actOnBehalfOf`), and what
 * the caller did is recorded in the shipment's history.
 */
export async function systemReqOf(req: PayloadRequest): Promise<PayloadRequest> {
  if (!req.user) return req
  const system = await createLocalReq({}, req.payload)
  system.transactionID = req.transactionID
  hostOf(req).audit.actOnBehalfOf(system, req)
  return system
}
