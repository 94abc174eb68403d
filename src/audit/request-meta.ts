import { randomUUID } from 'node:crypto'

import { clientIp } from '../http/client-ip'

type ReqLike = { headers?: Headers; context?: Record<string, unknown> }

const REQUEST_ID = 'auditRequestId'

/**
 * The request id (the caller's `X-Request-Id` when it sent a sane one, else one made up once per
 * request) and the client IP (src/http/client-ip.ts: the first hop not a trusted proxy), for the audit log.
 */
export function requestMeta(req?: ReqLike): { requestId: null | string; ip: null | string } {
  if (!req?.headers) return { requestId: null, ip: null }
  const context = req.context
  let requestId = context?.[REQUEST_ID] as string | undefined
  if (!requestId) {
    const sent = req.headers.get('x-request-id')?.trim()
    requestId = sent && /^[\w.:-]{1,100}$/.test(sent) ? sent : randomUUID()
    if (context) context[REQUEST_ID] = requestId
  }
  const ip = clientIp(req.headers)?.slice(0, 64) ?? null
  return { requestId, ip }
}
