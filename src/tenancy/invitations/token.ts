import { createHash, randomBytes } from 'node:crypto'

/** A new invitation token (shown once, in the email) and what is stored of it. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashInvitationToken(token) }
}

export const hashInvitationToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** Days an invitation link stays valid (INVITE_DAYS, default 7). */
export const invitationDays = (): number => Math.min(30, Math.max(1, Number(process.env.INVITE_DAYS ?? 7) || 7))

/** The public page that accepts an invitation (src/app/(signup)/invite). */
export const invitationLink = (token: string): string => `${process.env.SERVER_URL ?? ''}/invite/${token}`
