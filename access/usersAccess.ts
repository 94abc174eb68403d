import type { Access, Where } from 'payload'

import { tenantsWhere } from '../src/tenancy/scope'
import { isSuperAdmin } from './isSuperAdmin'

/**
 * The usable tenants of the request's scope the caller administers (src/tenancy/scope.ts: a
 * suspended shop's admins manage no one; a tenant named by header or host narrows it). Callers
 * decide for the super-admin first: for them this is empty.
 */
export const administeredTenants = async (req: Parameters<Access>[0]['req']): Promise<string[]> => {
  const tenants = await tenantsWhere(req, ['tenant-admin'])
  return tenants === 'all' ? [] : tenants
}

/** Members of `tenants` (a super-admin among them is refused by the hooks). */
const membersOf = (tenants: string[]): Where => ({ 'tenants.tenant': { in: tenants } })

/**
 * Create accounts: the super-admin only. A shop adds people by invitation
 * (src/tenancy/invitations): an account is created, or an existing one joins, when its owner accepts.
 */
export const canCreateUsers: Access = ({ req }) => isSuperAdmin(req.user)

/**
 * Update users: the super-admin; yourself; a tenant-admin (of a usable shop) for the members of
 * its shops who are not super-admins — and then only their membership rows in those shops
 * (collections/Users/hooks: guardCredentials, guardMemberships).
 */
export const canManageUsers: Access = async ({ req }) => {
  if (!req.user) return false
  if (isSuperAdmin(req.user)) return true
  const self: Where = { id: { equals: req.user.id } }
  const tenants = await administeredTenants(req)
  return tenants.length ? { or: [self, membersOf(tenants)] } : self
}

/**
 * Delete accounts: the super-admin; a tenant-admin for members of its usable shops who are not
 * super-admins and not itself — only when the account belongs to no other shop (hook-checked;
 * otherwise "remove from this shop" is the action).
 */
export const canDeleteUsers: Access = async ({ req }) => {
  if (!req.user) return false
  if (isSuperAdmin(req.user)) return true
  const tenants = await administeredTenants(req)
  return tenants.length ? { and: [membersOf(tenants), { id: { not_equals: req.user.id } }] } : false
}

/** Unlock a locked-out account: the super-admin only (its owner resets the password instead). */
export const canUnlockUsers: Access = ({ req }) => isSuperAdmin(req.user)
