import { type PayloadRequest } from 'payload'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { administeredTenants } from '../../../access/usersAccess'
import { recordAudit } from '../../audit/record'
import { memberships } from '../memberships'
import { runAsSystem } from '../request-context'
import { TENANT_ROLES, type TenantRole } from '../roles'
import { invitationDays, invitationLink, newInvitationToken } from './token'
import { sendShopEmail } from '../../email/send-shop-email'
import { AppError } from '../../errors/app-error'
import { isEmail } from '../../validation/email'

export type InviteResult = { invited: true; email: string; role: TenantRole; expiresAt: string }

/** The body of POST /api/tenants/:id/invite, checked; a 400 naming each field that is wrong. */
function parseInvite(body: unknown): { email: string; role: TenantRole } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const email = typeof b.email === 'string' ? b.email.trim().toLowerCase() : ''
  const role = (b.role ?? 'support-agent') as TenantRole
  const errors: { path: string; message: string }[] = []
  if (!isEmail(email)) errors.push({ path: 'email', message: 'A valid email address is required.' })
  if (!TENANT_ROLES.includes(role)) errors.push({ path: 'role', message: `role must be one of: ${TENANT_ROLES.join(', ')}.` })
  if (errors.length) throw new AppError('invalid_input', errors.map((e) => e.message).join(' '), { errors })
  return { email, role }
}

/**
 * Invite someone into a shop with a role: the super-admin for any shop, a tenant-admin for the
 * usable shops it administers. Nothing changes on any account: the invitee gets a single-use link
 * (valid INVITE_DAYS) and joins only by accepting it (accept.ts) — signed in as themselves if
 * they already have an account. The answer is the same whether or not the email has an account;
 * a platform (super-admin) account is never invited into a shop, though the answer is the same.
 * A newer invitation of the same email to the same shop replaces the pending one.
 */
export async function invite(req: PayloadRequest, tenantId: string, body: unknown): Promise<InviteResult> {
  const { payload } = req
  const actor = req.user
  if (!actor) throw new AppError('unauthorized', 'Sign in to invite people into your shop.')
  const input = parseInvite(body)
  const allowed = isSuperAdmin(actor) || (await administeredTenants(req)).includes(tenantId)
  if (!allowed) throw new AppError('forbidden', 'Only the platform or a tenant-admin of this shop may invite into it (and not while it is suspended).')
  const { token, hash } = newInvitationToken()
  const expiresAt = new Date(Date.now() + invitationDays() * 86_400_000).toISOString()
  const outcome = await runAsSystem('invitation', async () => {
    const tenant = await payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, disableErrors: true })
    if (!tenant || tenant.deletedAt) throw new AppError('not_found', 'No such shop.')
    const existing = (await payload.find({ collection: 'users', where: { email: { equals: input.email } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
    if (existing && memberships(existing).some((m) => m.tenant === tenantId)) {
      throw new AppError('duplicate', `${input.email} is already a member of this shop.`, { errors: [{ path: 'email', message: 'Already a member.' }] })
    }
    if (existing && isSuperAdmin(existing)) return { tenant, send: false }
    await payload.update({
      collection: 'invitations',
      where: { and: [{ tenant: { equals: tenantId } }, { email: { equals: input.email } }, { status: { equals: 'pending' } }] },
      data: { status: 'revoked' },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'invitations',
      data: { tenant: tenantId, email: input.email, role: input.role, status: 'pending', expiresAt, invitedBy: String(actor.id), tokenHash: hash },
      overrideAccess: true,
    })
    return { tenant, send: true }
  })
  const shop = outcome.tenant.displayName || outcome.tenant.name
  await recordAudit(req, [{ tenant: tenantId, action: 'create', collection: 'invitations', summary: `invited ${input.email} as ${input.role}${outcome.send ? '' : ' (refused: platform account)'}` }])
  if (outcome.send) {
    await sendShopEmail(payload, {
      tenantId,
      to: input.email,
      subject: `You are invited to ${shop} on e-merkater`,
      heading: `Join ${shop}`,
      paragraphs: [`${actor.email} invited you to join ${shop} as ${input.role}.`, `The invitation link works for ${invitationDays()} days, once.`],
      action: { label: 'Accept the invitation', url: invitationLink(token) },
      after: ['If you already have an e-merkater account, you will be asked to sign in with it first.', 'If you did not expect this, ignore this email: nothing changes until you accept.'],
    })
  }
  return { invited: true, email: input.email, role: input.role, expiresAt }
}
