/**
 * The wizard's calls to Payload's REST API, as the signed-in user (the admin's session cookie),
 * so access, validation, the audit trail and quotas apply exactly as anywhere else.
 */

import { errorMessage } from '../../errors/shape'

export { errorMessage }

export type RestCall = <T = any>(method: 'GET' | 'PATCH' | 'POST', path: string, body?: FormData | object) => Promise<T>

/** A REST caller for `apiRoute` (e.g. "/api") that names `tenantId` in the X-Tenant-ID header. */
export function restClient(apiRoute: string, tenantId: string): RestCall {
  return async (method, path, body) => {
    const headers: Record<string, string> = { 'x-tenant-id': tenantId }
    let payload: BodyInit | undefined
    if (body instanceof FormData) payload = body
    else if (body !== undefined) {
      headers['content-type'] = 'application/json'
      payload = JSON.stringify(body)
    }
    const response = await fetch(`${apiRoute}${path}`, { method, headers, body: payload, credentials: 'include' })
    const json = await response.json().catch(() => null)
    if (!response.ok) throw new Error(errorMessage(json, response.status))
    return json
  }
}
