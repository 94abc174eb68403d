import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { extractID } from 'payload/shared'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import type { Invitation, Tenant, User } from '../../../payload-types'
import { recordAudit } from '../../audit/record'
import { runSql } from '../../db/run-sql'
import { withTransaction } from '../../db/transaction'
import { memberships } from '../memberships'
import { runAsSystem } from '../request-context'
import { isTenantUsable } from '../tenant-status'
import { shopBrand, type ShopBrand } from './shop-brand'
import { hashInvitationToken } from './token'
import { AppError } from '../../errors/app-error'

const gone = () => new AppError('not_found', 'This invitation is no longer valid: it was used, revoked or has expired. Ask the shop for a new one.')

export type InvitationPreview = { email: string; role: string; shop: string; expiresAt: string; accountExists: boolean; brand?: ShopBrand }

/** The pending, unexpired invitation of `token` with its shop, or a 404 (the same for every reason). */
async function findInvitation(payload: Payload, token: unknown, req?: PayloadRequest): Promise<{ invitation: Invitation; tenant: Tenant }> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) throw gone()
  const invitation = (await payload.find({ collection: 'invitations', where: { tokenHash: { equals: hashInvitationToken(token) } }, limit: 1, depth: 0, overrideAccess: true, req })).docs[0]
  if (!invitation || invitation.status !== 'pending' || Date.parse(invitation.expiresAt) < Date.now()) throw gone()
  const tenant = await payload.findByID({ collection: 'tenants', id: String(extractID(invitation.tenant)), depth: 0, overrideAccess: true, disableErrors: true, req })
  if (!tenant || !isTenantUsable(tenant)) throw gone()
  return { invitation, tenant }
}

const accountOf = async (payload: Payload, email: string, req?: PayloadRequest): Promise<User | undefined> =>
  (await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0, overrideAccess: true, req })).docs[0]

/** What the acceptance page shows the holder of the link (it was sent to that address). */
export async function previewInvitation(payload: Payload, token: unknown, options: { brand?: boolean } = {}): Promise<InvitationPreview> {
  return runAsSystem('invitation preview', async () => {
    const { invitation, tenant } = await findInvitation(payload, token)
    const account = await accountOf(payload, invitation.email)
    const preview: InvitationPreview = { email: invitation.email, role: invitation.role, shop: tenant.displayName || tenant.name, expiresAt: invitation.expiresAt, accountExists: Boolean(account) }
    // The acceptance page is drawn in the shop's brand; the JSON preview has no use for it.
    return options.brand ? { ...preview, brand: await shopBrand(payload, tenant) } : preview
  })
}

export type AcceptInput = { token: unknown; name?: unknown; password?: unknown }

/**
 * Accept an invitation, once. An existing account joins the shop only when the request is signed
 * in as that very account; a platform account never joins a shop. Without an account, one is
 * created with the name and password given. Membership and the invitation's use are written in
 * one transaction; the invitation is claimed with a conditional UPDATE, so two acceptances of one
 * link cannot both succeed.
 */
export async function acceptInvitation(req: PayloadRequest, input: AcceptInput): Promise<{ accepted: true; email: string; created: boolean; tenant: { id: string; slug: string; name: string } }> {
  const { payload } = req
  const signedIn = req.user
  const result = await runAsSystem('invitation accepted', async () => {
    const sreq = await createLocalReq({}, payload)
    return withTransaction(sreq, async () => {
      const { invitation, tenant } = await findInvitation(payload, input.token, sreq)
      const account = await accountOf(payload, invitation.email, sreq)
      let userId: string
      if (account) {
        if (!signedIn || String(signedIn.id) !== String(account.id)) {
          throw new AppError('unauthorized', `Sign in as ${invitation.email} to accept this invitation.`)
        }
        if (isSuperAdmin(account)) throw new AppError('forbidden', 'A platform account cannot join a shop.')
        const tenants = [...memberships(account).filter((m) => m.tenant !== tenant.id), { tenant: tenant.id, role: invitation.role }]
        await payload.update({ collection: 'users', id: account.id, data: { tenants }, overrideAccess: true, req: sreq })
        userId = account.id
      } else {
        const name = typeof input.name === 'string' ? input.name.trim() : ''
        const password = typeof input.password === 'string' ? input.password : ''
        const errors = [
          ...(!name || name.length > 120 ? [{ path: 'name', message: 'Your name is required (at most 120 characters).' }] : []),
          ...(password.length < 10 ? [{ path: 'password', message: 'The password needs at least 10 characters.' }] : []),
        ]
        if (errors.length) throw new AppError('invalid_input', errors.map((e) => e.message).join(' '), { errors })
        const user = await payload.create({
          collection: 'users',
          data: { email: invitation.email, name, password, roles: ['user'], tenants: [{ tenant: tenant.id, role: invitation.role }] },
          overrideAccess: true,
          req: sreq,
        })
        userId = user.id
      }
      const claimed = await runSql(sreq, sql`update invitations set status = 'accepted', accepted_at = now(), updated_at = now() where id = ${invitation.id} and status = 'pending' returning id`)
      if (claimed.length === 0) throw gone()
      return { invitation, tenant, userId, created: !account }
    })
  })
  await recordAudit(req, [
    {
      tenant: result.tenant.id,
      action: 'update',
      collection: 'invitations',
      documentId: result.invitation.id,
      summary: `${result.invitation.email} accepted the invitation as ${result.invitation.role}`,
      actor: { type: 'user', userId: result.userId, label: result.invitation.email },
    },
  ])
  return { accepted: true, email: result.invitation.email, created: result.created, tenant: { id: result.tenant.id, slug: result.tenant.slug, name: result.tenant.displayName || result.tenant.name } }
}
