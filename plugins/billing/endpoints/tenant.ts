import type { PayloadRequest } from 'payload'

import { fail } from '../errors'
import { hostOf } from '../options'

const ADMIN_ONLY = ['tenant-admin'] as const
const STAFF = ['tenant-admin', 'marketing-manager', 'sales-operator', 'support-agent'] as const

/** The shop a billing endpoint acts on (`?tenant=`, else the request's), for its tenant-admins (or the super-admin). */
export const billingTenant = (req: PayloadRequest, who: 'admins' | 'staff' = 'admins') =>
  hostOf(req).tenancy.endpointTenant(req, {
    roles: who === 'admins' ? ADMIN_ONLY : STAFF,
    signIn: 'Sign in first.',
    choose: 'Name the shop: ?tenant=<id>.',
    forbidden: who === 'admins' ? 'Only the shop’s tenant-admins manage its billing.' : 'You are not staff of this shop.',
  })

/** Run `fn` in the shop's tenant context, as the signed-in caller. */
export const inShop = <T>(req: PayloadRequest, tenantId: string, fn: () => Promise<T>) => hostOf(req).tenancy.runWithTenant({ tenantId, via: 'user', ...(req.user ? { userId: String(req.user.id) } : {}) }, fn)

/** The caller's JSON object body ({} when empty); 400 when it is not one. */
export async function jsonBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  const text = await (req as unknown as Request).text?.().catch(() => '')
  if (!text) return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
  throw fail(body === undefined ? 'invalid_json' : 'invalid_input', body === undefined ? 'The body is not JSON.' : 'Send a JSON object.', 400)
}
