import { extractJWT, JWTAuthentication, type AuthStrategy, type AuthStrategyResult } from 'payload'

import { databaseOutageOfRequest } from '../../src/http/request-outage'
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
 * Fail the request with `error` from inside an auth strategy. Payload's JWTAuthentication
 * swallows every error of its user lookup, and executeAuthStrategies catches and logs whatever
 * a strategy throws and moves on: an unreachable database would quietly make a signed-in
 * caller anonymous and let the request go on as such. executeAuthStrategies reads
 * `result.user` outside that catch, so a `user` that throws fails createPayloadRequest before
 * anything runs; the route handler answers the recorded outage (503, src/http/error-response.ts).
 */
const failRequest = (error: unknown): AuthStrategyResult =>
  Object.defineProperty({}, 'user', {
    get: () => {
      throw error
    },
  }) as AuthStrategyResult

/**
 * Payload's own JWT strategy, run where the database shows only the claimed person's own rows
 * (their user, memberships, sessions, the tenants they belong to): row-level security hides
 * every user from a request nobody is signed in to yet, so the session's user must be found
 * this narrowly. The signature is verified by Payload before the lookup; a forged or foreign
 * token finds nothing. Listed before Payload's fallback `local-jwt`, which then finds nothing.
 * A lookup that found the database unreachable (src/http/request-outage.ts) fails the request.
 */
export const accountJwtStrategy: AuthStrategy = {
  name: 'account-jwt',
  authenticate: async (args) => {
    const token = extractJWT({ headers: args.headers, payload: args.payload })
    const userId = token ? claimedUserId(token) : null
    if (!userId) return { user: null }
    const before = databaseOutageOfRequest()
    // Depth 0 (`isGraphQL` only picks the depth there, as GraphQL requests always have): the
    // memberships as ids, not every tenant document populated with its hooks — a staff member of
    // 50 shops paid for 50 tenant reads on every request. The scope reads ids; tenant rows come
    // from the tenant cache (src/tenancy/tenant-cache.ts). `me` and `login` still answer with
    // the populated user (their own read, at `auth.depth`).
    const result = await runAsAccountLookup(userId, () => JWTAuthentication({ ...args, isGraphQL: true, strategyName: 'local-jwt' }))
    const outage = databaseOutageOfRequest()
    return outage !== undefined && outage !== before ? failRequest(outage) : result
  },
}
