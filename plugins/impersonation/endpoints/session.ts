import type { Endpoint, PayloadRequest } from 'payload'

import { fail } from '../errors'
import { effectiveStatus, GRANTS, publicGrant, type Grant } from '../grants'
import { hostOf } from '../options'
import { clearedCookie, impersonationOf, newToken, sessionCookie } from '../session'
import { grantIdOf, idOf, json, minutesFromNow, superAdminOf, updateGrant } from './common'

/** The super-admin's grants that are active now (at most one: starting another ends it). */
async function activeGrantsOf(req: PayloadRequest, requester: string): Promise<Grant[]> {
  const { docs } = await req.payload.find({
    collection: GRANTS as 'users',
    where: { requester: { equals: requester }, status: { equals: 'active' } },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return docs as unknown as Grant[]
}

async function endGrants(req: PayloadRequest, grants: Grant[], by: string) {
  for (const grant of grants) {
    const status = effectiveStatus(grant) === 'expired' ? 'expired' : 'ended'
    await updateGrant(req, grant.id, { status, endedAt: new Date().toISOString(), tokenHash: null })
    await hostOf(req).audit(req, { tenant: idOf(grant.tenant), action: 'impersonation', summary: `impersonation ${status} by ${by}`, collection: GRANTS, documentId: grant.id })
  }
}

/**
 * POST /api/impersonation/:id/start — the requester starts an approved grant: the session runs
 * `minutes` from now, its token goes in an HttpOnly cookie (the database keeps only its hash).
 * A grant of another super-admin reads as unknown (404).
 */
export const startEndpoint: Endpoint = {
  path: '/impersonation/:id/start',
  method: 'post',
  handler: async (req) => {
    const admin = superAdminOf(req)
    const grant = (await req.payload.findByID({ collection: GRANTS as 'users', id: grantIdOf(req), depth: 0, overrideAccess: true, req, disableErrors: true })) as Grant | null
    if (!grant || idOf(grant.requester) !== String(admin.id)) throw fail('not_found', 'No such impersonation grant of yours.', 404)
    const status = effectiveStatus(grant)
    if (status === 'expired') {
      if (grant.status !== 'expired') await updateGrant(req, grant.id, { status: 'expired' })
      throw fail('gone', 'This grant has expired; ask again.', 410)
    }
    if (status !== 'approved') throw fail('conflict', status === 'requested' ? 'The shop has not approved this request yet.' : `This grant is ${status}; ask again.`, 409)
    await endGrants(req, await activeGrantsOf(req, String(admin.id)), String(admin.email))
    const { token, hash } = newToken(grant.id)
    const expiresAt = minutesFromNow(grant.minutes)
    const updated = await updateGrant(req, grant.id, { status: 'active', startedAt: new Date().toISOString(), expiresAt, tokenHash: hash })
    await hostOf(req).audit(req, {
      tenant: idOf(grant.tenant),
      action: 'impersonation',
      summary: `impersonation started by ${admin.email} until ${expiresAt}${grant.readOnly ? ' (read-only)' : ''}`,
      collection: GRANTS,
      documentId: grant.id,
    })
    return json({ grant: publicGrant(updated) }, 200, { 'Set-Cookie': sessionCookie(token, new Date(expiresAt)) })
  },
}

/**
 * POST /api/impersonation/end — from inside the session (or as the super-admin after it): ends
 * the caller's active grant(s), removes the cookie; the next request is the super-admin's own.
 */
export const endEndpoint: Endpoint = {
  path: '/impersonation/end',
  method: 'post',
  handler: async (req) => {
    const session = impersonationOf(req.user)
    const impersonator = session ? session.impersonatorId : String(superAdminOf(req).id)
    const grants = await hostOf(req).tenancy.runAsSystem('impersonation: end', () => activeGrantsOf(req, impersonator))
    await hostOf(req).tenancy.runAsSystem('impersonation: end', () => endGrants(req, grants, session?.impersonatorEmail ?? String(req.user?.email)))
    return json({ ended: grants.length }, 200, { 'Set-Cookie': clearedCookie() })
  },
}

/** GET /api/impersonation/current — the caller's session, for the admin's banner. */
export const currentEndpoint: Endpoint = {
  path: '/impersonation/current',
  method: 'get',
  handler: (req) => {
    if (!req.user) throw fail('unauthorized', 'Sign in first.', 401)
    const session = impersonationOf(req.user)
    return json({ impersonating: Boolean(session), session })
  },
}
