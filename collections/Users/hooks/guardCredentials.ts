import { type CollectionBeforeChangeHook } from 'payload'

import { isSuperAdmin } from '../../../access/isSuperAdmin'
import { verifyPassword } from '../../../src/auth/verify-password'
import { AppError } from '../../../src/errors/app-error'

/** What signs a person in or keeps them out: only Payload itself (no user) writes these. */
const SYSTEM_FIELDS = ['loginAttempts', 'lockUntil', 'sessions', 'resetPasswordToken', 'resetPasswordExpiration', 'salt', 'hash', '_verified', '_verificationToken', 'apiKey', 'enableAPIKey']

/** Profile fields of the account itself, which its owner (or the super-admin) changes. */
const PROFILE_FIELDS = ['name']

const forbidden = (message: string) => new AppError('forbidden', message)

const changed = (data: Record<string, unknown>, original: Record<string, unknown> | undefined, key: string) =>
  key in data && data[key] !== undefined && JSON.stringify(data[key] ?? null) !== JSON.stringify(original?.[key] ?? null)

/**
 * beforeChange of users: an account's credentials belong to its owner.
 * - `email` and `password` change only by the person themselves — giving their current password
 *   (`currentPassword`) — or by the super-admin;
 * - sign-in state (login attempts, lock, sessions, reset tokens) is Payload's own: no API caller
 *   but the super-admin writes it;
 * - a tenant-admin changes nothing of another person's account but their memberships in its
 *   shops (guardMemberships), and nothing at all of a super-admin's.
 * Payload's own writes (sign-in, reset password, system work) run without a user and pass.
 */
export const guardCredentials: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const currentPassword = typeof data.currentPassword === 'string' ? data.currentPassword : undefined
  delete data.currentPassword
  const actor = req.user
  if (!actor || operation !== 'update' || isSuperAdmin(actor)) return data
  const self = String(actor.id) === String(originalDoc?.id)
  const original = originalDoc as Record<string, unknown> | undefined
  if (!self && isSuperAdmin(originalDoc)) throw forbidden('Only the platform manages a platform account.')
  const system = SYSTEM_FIELDS.filter((key) => changed(data, original, key))
  if (system.length) throw forbidden(`${system.join(', ')} cannot be set through the API.`)
  const email = typeof data.email === 'string' ? data.email.trim().toLowerCase() : undefined
  const credentials = [...(email !== undefined && email !== original?.email ? ['email'] : []), ...(data.password ? ['password'] : [])]
  if (!self) {
    const profile = PROFILE_FIELDS.filter((key) => changed(data, original, key))
    if (credentials.length || profile.length) {
      const owner = typeof original?.email === 'string' ? original.email : 'the account owner'
      throw forbidden(`Only ${owner} or the platform can change their ${[...credentials, ...profile].join(' and ')}.`)
    }
    return data
  }
  if (credentials.length) {
    const row = await req.payload.db.findOne<{ id: string; hash?: string; salt?: string }>({ collection: 'users', where: { id: { equals: actor.id } }, req })
    if (!currentPassword || !(await verifyPassword(currentPassword, row?.hash, row?.salt))) {
      throw new AppError('invalid_input', `Enter your current password to change your ${credentials.join(' and ')}.`, {
        errors: [{ path: 'currentPassword', message: 'Your current password is required and must be correct.' }],
      })
    }
  }
  return data
}
