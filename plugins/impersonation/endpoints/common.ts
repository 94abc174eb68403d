import type { PayloadRequest } from 'payload'

import { fail, notWhileImpersonating } from '../errors'
import { GRANTS, type Grant } from '../grants'

export { idOf } from '../grants'
import { hostOf } from '../options'
import { impersonationOf } from '../session'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The signed-in caller, outside any impersonation session (401 / 403 otherwise). */
export function callerOf(req: PayloadRequest) {
  if (!req.user) throw fail('unauthorized', 'Sign in first.', 401)
  if (impersonationOf(req.user)) throw notWhileImpersonating('deciding or starting grants')
  return req.user
}

/** The super-admin calling (403 for anyone else). */
export function superAdminOf(req: PayloadRequest) {
  const user = callerOf(req)
  if (!hostOf(req).access.isSuperAdmin(user)) throw fail('forbidden', 'Only the platform’s super-admin may ask for, start or end an impersonation.', 403)
  return user
}

/** The `:id` of the path, as a grant id (404 when it cannot be one). */
export function grantIdOf(req: PayloadRequest): string {
  const raw = req.routeParams?.id
  const id = typeof raw === 'string' ? raw : ''
  if (!UUID.test(id)) throw fail('not_found', 'No such impersonation grant.', 404)
  return id
}

/**
 * The grant `id` as the caller may read it (the collection's access: a tenant-admin only its
 * shop's; row-level security holds the same), 404 when they may not — no hint it exists.
 */
export async function readableGrant(req: PayloadRequest, id: string): Promise<Grant> {
  const grant = (await req.payload.findByID({ collection: GRANTS as 'users', id, depth: 0, overrideAccess: false, user: req.user, req, disableErrors: true })) as Grant | null
  if (!grant) throw fail('not_found', 'No such impersonation grant.', 404)
  return grant
}

/** Write the grant's new state (the endpoints have checked who may). */
export async function updateGrant(req: PayloadRequest, id: string, data: Partial<Grant>): Promise<Grant> {
  return (await req.payload.update({ collection: GRANTS as 'users', id, data: data, depth: 0, overrideAccess: true, req })) as unknown as Grant
}

export const json = (body: unknown, status = 200, headers?: HeadersInit) => Response.json(body, { status, headers })

export const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()
