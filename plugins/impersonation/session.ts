import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * One request's impersonation: who is really acting, as whom, in which shop, until when. The
 * auth strategy (strategy.ts) puts it on the target user it hands Payload (`req.user`), so every
 * layer can tell an impersonated request from the person's own.
 */
export type ImpersonationSession = Readonly<{
  grantId: string
  tenantId: string
  impersonatorId: string
  impersonatorEmail?: string
  targetId: string
  targetEmail?: string
  readOnly: boolean
  breakGlass: boolean
  expiresAt: string
}>

const KEY = '_impersonation'

/** The impersonation of `user` (a `req.user`), or null for a person's own session. */
export function impersonationOf(user: unknown): ImpersonationSession | null {
  const session = user && typeof user === 'object' ? (user as Record<string, unknown>)[KEY] : undefined
  return session && typeof session === 'object' ? (session as ImpersonationSession) : null
}

/** `target` marked as impersonated (enumerable on purpose: a copy of `req.user` keeps it). */
export const markImpersonated = <U extends object>(target: U, session: ImpersonationSession): U & { [KEY]: ImpersonationSession } => ({ ...target, [KEY]: Object.freeze({ ...session }) })

/** The cookie that carries a started session's token; HttpOnly, SameSite=Strict. */
export const IMPERSONATION_COOKIE = 'emk-impersonation'

/** A fresh token `<grantId>.<secret>` and the hash stored on the grant (the token itself never is). */
export function newToken(grantId: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url')
  return { token: `${grantId}.${secret}`, hash: hashSecret(secret) }
}

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

/** `{ grantId, matches(hash) }` of a cookie value, or null when it is not one of ours. */
export function parseToken(value: string): null | { grantId: string; matches: (hash: unknown) => boolean } {
  const match = /^([0-9a-f-]{36})\.([\w-]{43})$/.exec(value)
  if (!match) return null
  const hash = Buffer.from(hashSecret(match[2]), 'hex')
  return {
    grantId: match[1],
    matches: (stored) => typeof stored === 'string' && stored.length === 64 && timingSafeEqual(Buffer.from(stored, 'hex'), hash),
  }
}

/** The cookie `name` of a request's headers. */
export function readCookie(headers: Headers, name: string): null | string {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=') || null
  }
  return null
}

const secure = () => (process.env.SERVER_URL ?? '').startsWith('https:')

/** Set-Cookie of a started session (expires with the grant). */
export const sessionCookie = (token: string, expiresAt: Date) => `${IMPERSONATION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Expires=${expiresAt.toUTCString()}${secure() ? '; Secure' : ''}`

/** Set-Cookie that removes it (ending, expiry, a stale cookie). */
export const clearedCookie = () => `${IMPERSONATION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure() ? '; Secure' : ''}`
