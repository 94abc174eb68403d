import type { PayloadRequest } from 'payload'

import { hostOf } from './options'

/**
 * A request without a user that shares `req`'s transaction (the host's `systemReq`): for the
 * plugin's own writes of platform-owned fields on behalf of a signed-in caller. The tenant context
 * is the caller's; the audit trail names the caller.
 */
export const systemReqOf = (req: PayloadRequest): Promise<PayloadRequest> => hostOf(req).systemReq(req)
