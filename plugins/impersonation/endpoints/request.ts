import type { Endpoint, PayloadRequest } from 'payload'

import { fail } from '../errors'
import { GRANTS, publicGrant, type Grant } from '../grants'
import { hostOf } from '../options'
import { idOf, json, minutesFromNow, superAdminOf, UUID } from './common'

type FieldError = { path: string; message: string }

/** The body's fields, or 400 `invalid_input` naming each wrong one. */
function readRequest(body: Record<string, unknown>, minReason: number, maxMinutes: number, defaultMinutes: number) {
  const errors: FieldError[] = []
  const id = (path: string) => {
    const value = body[path]
    if (typeof value !== 'string' || !UUID.test(value)) errors.push({ path, message: `${path} must be the id (UUID) of a ${path === 'tenant' ? 'shop' : 'user'}.` })
    return String(value)
  }
  const tenant = id('tenant')
  const targetUser = id('targetUser')
  const reason = typeof body.reason === 'string' ? body.reason.trim() : ''
  if (reason.length < minReason || reason.length > 1000) errors.push({ path: 'reason', message: `Say why, in ${minReason} to 1000 characters.` })
  const minutes = body.minutes ?? defaultMinutes
  if (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > maxMinutes) errors.push({ path: 'minutes', message: `minutes must be a whole number from 1 to ${maxMinutes}.` })
  for (const flag of ['readOnly', 'breakGlass'] as const) if (body[flag] !== undefined && typeof body[flag] !== 'boolean') errors.push({ path: flag, message: `${flag} must be true or false.` })
  if (errors.length) throw fail('invalid_input', errors.map((e) => e.message).join(' '), 400, errors)
  return { tenant, targetUser, reason, minutes: minutes as number, readOnly: body.readOnly !== false, breakGlass: body.breakGlass === true }
}

/** Why break-glass applies to the shop, or 403 saying it does not. */
async function breakGlassBasis(req: PayloadRequest, tenant: { id: string; status?: unknown }) {
  if (tenant.status === 'suspended') return 'suspended' as const
  const admins = await hostOf(req).tenancy.activeTenantAdmins(req, tenant.id)
  if (admins.length === 0) return 'abandoned' as const
  throw fail('forbidden', 'Break-glass applies only to a suspended shop or an abandoned one (no tenant-admin who can sign in). Ask the shop’s tenant-admin to approve instead.', 403, [
    { path: 'breakGlass', message: 'The shop has a tenant-admin who can approve.' },
  ])
}

/**
 * POST /api/impersonation/request `{ tenant, targetUser, reason, minutes?, readOnly?, breakGlass? }`
 * (super-admin only): a grant `requested` for the shop's tenant-admin to approve, or, under the
 * break-glass rule (a suspended or abandoned shop), `approved` at once and always read-only.
 */
export const requestEndpoint: Endpoint = {
  path: '/impersonation/request',
  method: 'post',
  handler: async (req) => {
    const admin = superAdminOf(req)
    const options = hostOf(req)
    const input = readRequest(await options.http.jsonBody(req), options.minReasonLength, options.maxMinutes, options.defaultMinutes)
    const tenant = (await req.payload.findByID({ collection: 'tenants', id: input.tenant, depth: 0, overrideAccess: true, req, disableErrors: true })) as {
      id: string
      status?: unknown
      deletedAt?: unknown
    } | null
    if (!tenant || tenant.deletedAt) throw fail('not_found', 'No such shop.', 404, [{ path: 'tenant', message: 'No such shop.' }])
    const target = (await req.payload.findByID({ collection: options.usersSlug as 'users', id: input.targetUser, depth: 0, overrideAccess: true, req, disableErrors: true })) as {
      id: string
      email?: string
      tenants?: { tenant?: unknown }[]
    } | null
    const member = target && !options.access.isSuperAdmin(target as never) && (target.tenants ?? []).some((m) => idOf(m.tenant) === tenant.id)
    if (!target || !member) throw fail('invalid_input', 'targetUser must be a member of the shop (not the platform’s own account).', 400, [{ path: 'targetUser', message: 'Not a member of this shop.' }])
    const basis = input.breakGlass ? await breakGlassBasis(req, tenant) : null
    const grant = (await req.payload.create({
      collection: GRANTS as 'users',
      data: {
        tenant: tenant.id,
        targetUser: target.id,
        requester: String(admin.id),
        reason: input.reason,
        minutes: input.minutes,
        status: basis ? 'approved' : 'requested',
        readOnly: basis ? true : input.readOnly,
        breakGlass: Boolean(basis),
        breakGlassBasis: basis,
        expiresAt: minutesFromNow(options.pendingHours * 60),
      } as never,
      depth: 0,
      overrideAccess: true,
      req,
    })) as unknown as Grant
    const how = basis ? `break-glass (${basis})` : 'awaiting the shop’s approval'
    await options.audit(req, {
      tenant: tenant.id,
      action: 'impersonation',
      summary: `impersonation of ${target.email ?? target.id} requested by ${admin.email}, ${how}: ${input.reason}`,
      collection: GRANTS,
      documentId: grant.id,
    })
    return json({ grant: publicGrant(grant) }, 201)
  },
}
