import type { PayloadRequest } from 'payload'

import { clientIp } from '../http/client-ip'
import { enforce } from './enforce'
import type { PolicyName } from './policies'

/** Callers without a usable address are counted together (src/http/client-ip.ts). */
export const UNKNOWN_IP = 'unknown'

/** Count this request against an IP-keyed policy (429 over it); see enforce(). */
export function limitByIp(req: PayloadRequest, name: PolicyName, tenant: null | string = null): Promise<void> {
  const ip = clientIp(req.headers) ?? UNKNOWN_IP
  return enforce(req, name, { key: ip, tenant, label: ip })
}
