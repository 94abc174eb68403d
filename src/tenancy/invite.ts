import { randomBytes } from 'node:crypto'
import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../access/isSuperAdmin'
import { limitByIp } from '../ratelimit/by-ip'
import { memberships, roleIn } from './memberships'
import { TENANT_ROLES, type TenantRole } from './roles'

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Invitation links stay valid this long (Payload's reset-password token). */
const INVITE_HOURS = 72

/**
 * Invite someone into a tenant with a role: the super-admin for any tenant (e.g. the first
 * tenant-admin of a tenant they created), a tenant-admin for their own. A new email gets an
 * account with an unusable random password; an existing user gets the membership added. Either
 * way the invitee receives a link to set their password (Payload's reset-password flow, so the
 * token is Payload's own: single use, expiring). Quotas and the audit log apply as to any write.
 */
export async function invite(req: PayloadRequest, tenantId: string, body: unknown): Promise<{ userId: string; created: boolean }> {
  const { payload } = req
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const email = typeof b.email === 'string' ? b.email.trim().toLowerCase() : ''
  const role = (b.role ?? 'tenant-admin') as TenantRole
  if (!EMAIL_RE.test(email)) throw new APIError('A valid email address is required.', 400, undefined, true)
  if (!TENANT_ROLES.includes(role)) throw new APIError(`role must be one of: ${TENANT_ROLES.join(', ')}.`, 400, undefined, true)
  if (!req.user || !(isSuperAdmin(req.user) || roleIn(req.user, tenantId) === 'tenant-admin')) {
    throw new APIError('Only the platform or a tenant-admin of this shop may invite into it.', 403, undefined, true)
  }
  const tenant = await payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req, disableErrors: true })
  if (!tenant || tenant.deletedAt) throw new APIError('No such tenant.', 404, undefined, true)

  const existing = (await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0, overrideAccess: true, req })).docs[0]
  let userId: string
  if (existing) {
    if (memberships(existing).some((m) => m.tenant === tenantId)) throw new APIError(`${email} is already a member of this shop.`, 409, undefined, true)
    const tenants = [...memberships(existing).map((m) => ({ tenant: m.tenant, role: m.role })), { tenant: tenantId, role }]
    await payload.update({ collection: 'users', id: existing.id, data: { tenants }, overrideAccess: true, req })
    userId = existing.id
  } else {
    const name = typeof b.name === 'string' ? b.name.trim().slice(0, 120) : undefined
    const user = await payload.create({
      collection: 'users',
      data: { email, name, password: randomBytes(24).toString('base64url'), roles: ['user'], tenants: [{ tenant: tenantId, role }] },
      overrideAccess: true,
      req,
    })
    userId = user.id
  }
  const token = await payload.forgotPassword({ collection: 'users', data: { email }, disableEmail: true, expiration: INVITE_HOURS * 3_600_000, req })
  const link = `${process.env.SERVER_URL ?? ''}/admin/reset/${token}`
  const by = req.user.email
  await payload.sendEmail({
    to: email,
    subject: `You are invited to ${tenant.displayName || tenant.name} on e-merkater`,
    text: [
      `${by} invited you to ${tenant.displayName || tenant.name} as ${role}.`,
      existing ? `Sign in with your account, or set a new password here (valid ${INVITE_HOURS} hours): ${link}` : `Set your password here (valid ${INVITE_HOURS} hours): ${link}`,
    ].join('\n'),
  })
  return { userId, created: !existing }
}

/** POST /api/tenants/:id/invite { email, role?, name? } */
export const inviteEndpoint: Endpoint = {
  path: '/:id/invite',
  method: 'post',
  handler: async (req) => {
    await limitByIp(req, 'invite')
    const body = req.json ? await req.json().catch(() => null) : null
    const result = await invite(req, String(req.routeParams?.id ?? ''), body)
    return Response.json(result, { status: result.created ? 201 : 200 })
  },
}
