import { extractJWT, JWTAuthentication, type AuthStrategy } from 'payload'

import { runAsAccountLookup } from '../../src/tenancy/request-context'

/** The `id` claim of a JWT, unverified (Payload's strategy verifies the signature next). */
const claimedUserId = (token: string): null | string => {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { id?: unknown; collection?: unknown }
    return claims.collection === 'users' && typeof claims.id === 'string' ? claims.id : null
  } catch {
    return null
  }
}

/**
 * Payload's own JWT strategy, run where the database shows only the claimed person's own rows
 * (their user, memberships, sessions, the tenants they belong to): row-level security hides
 * every user from a request nobody is signed in to yet, so the session's user must be found
 * this narrowly. The signature is verified by Payload before the lookup; a forged or foreign
 * token finds nothing. Listed before Payload's fallback `local-jwt`, which then finds nothing.
 */
export const accountJwtStrategy: AuthStrategy = {
  name: 'account-jwt',
  authenticate: async (args) => {
    const token = extractJWT({ headers: args.headers, payload: args.payload })
    const userId = token ? claimedUserId(token) : null
    if (!userId) return { user: null }
    return runAsAccountLookup(userId, () => JWTAuthentication({ ...args, strategyName: 'local-jwt' }))
  },
}
