import type { Endpoint, PayloadHandler } from 'payload'

import { fail } from '../errors'
import { effectiveStatus, GRANTS, publicGrant } from '../grants'
import { hostOf } from '../options'
import { callerOf, grantIdOf, idOf, json, readableGrant, updateGrant } from './common'

/**
 * The shop's tenant-admin approves or denies a requested grant. Only a tenant-admin of the
 * grant's own (usable) shop: anyone else who is not a tenant-admin there (another shop's admin,
 * a stranger, the shop's other roles) finds no such grant (404); the super-admin, who cannot
 * consent for the shop, gets 403.
 */
const decide =
  (decision: 'approved' | 'denied'): PayloadHandler =>
  async (req) => {
    const user = callerOf(req)
    const options = hostOf(req)
    if (options.access.isSuperAdmin(user)) throw fail('forbidden', 'The shop’s tenant-admin decides, not the platform (use break-glass for a suspended or abandoned shop).', 403)
    const grant = await readableGrant(req, grantIdOf(req))
    const adminOf = await options.tenancy.tenantsWhere(req, ['tenant-admin'])
    if (adminOf !== 'all' && !adminOf.includes(idOf(grant.tenant))) throw fail('forbidden', 'Only a tenant-admin of this shop may decide.', 403)
    const status = effectiveStatus(grant)
    if (status === 'expired') throw fail('gone', 'This request has expired; the platform must ask again.', 410)
    // Approve a request; deny a request, or withdraw consent from an approved or running grant.
    const open = decision === 'approved' ? status === 'requested' : status === 'requested' || status === 'approved' || status === 'active'
    if (!open) throw fail('conflict', `This request was already ${status}.`, 409)
    const withdrawn = status === 'active' ? { endedAt: new Date().toISOString(), tokenHash: null } : {}
    const updated = await updateGrant(req, grant.id, { status: decision, decidedBy: String(user.id), decidedAt: new Date().toISOString(), ...withdrawn })
    await options.audit(req, {
      tenant: idOf(grant.tenant),
      action: 'impersonation',
      summary: `impersonation ${status === 'requested' ? 'request' : `(${status}) consent`} ${decision} by ${user.email}`,
      collection: GRANTS,
      documentId: grant.id,
    })
    return json({ grant: publicGrant(updated) })
  }

/** POST /api/impersonation/:id/approve */
export const approveEndpoint: Endpoint = { path: '/impersonation/:id/approve', method: 'post', handler: decide('approved') }

/** POST /api/impersonation/:id/deny — also withdraws consent: an approved grant cannot start, a running session stops at its next request. */
export const denyEndpoint: Endpoint = { path: '/impersonation/:id/deny', method: 'post', handler: decide('denied') }
