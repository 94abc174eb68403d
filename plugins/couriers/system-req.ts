import type { PayloadRequest } from 'payload'

import { hostOf } from './options'

/**
 * A request without a user that shares `req`'s transaction (the host's `systemReq`): for the
 * plugin's own writes of system-owned rows (shipment state, payouts) on behalf of a signed-in
 * caller, whose role may not write them directly. The tenant context is the caller's; the audit
 * trail names the caller, and what the caller did is recorded in the shipment's history.
 */
export const systemReqOf = (req: PayloadRequest): Promise<PayloadRequest> => hostOf(req).systemReq(req)
