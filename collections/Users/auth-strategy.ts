import { extractJWT, JWTAuthentication, type AuthStrategy, type AuthStrategyResult, type Payload } from 'payload'

import { isDatabaseUnavailable } from '../../src/errors/database-errors'
import { recordRequestFailure } from '../../src/http/request-failure'
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

/** `payload`, whose findByID tells `seen` when the database could not be reached. */
const watchingLookups = (payload: Payload, seen: (error: unknown) => void): Payload =>
  new Proxy(payload, {
    get: (target, key) =>
      key === 'findByID'
        ? async (options: Parameters<Payload['findByID']>[0]) => {
            try {
              return await target.findByID(options)
            } catch (error) {
              if (isDatabaseUnavailable(error)) seen(error)
              throw error
            }
          }
        : Reflect.get(target, key),
  })

/**
 * Fail the request with `error` from inside an auth strategy. Payload's JWTAuthentication
 * swallows every error of its user lookup, and executeAuthStrategies catches and logs whatever
 * a strategy throws and moves on: an unreachable database would quietly make a signed-in
 * caller anonymous (403s; the admin's `me` answering "nobody" and logging staff out). It reads
 * `result.user` outside that catch, so the result's `user` throws: createPayloadRequest fails
 * before anything runs, and the cause is recorded for withErrorResponse to answer (503).
 */
function failRequest(error: unknown): AuthStrategyResult {
  recordRequestFailure(error)
  return Object.defineProperty({}, 'user', {
    get: () => {
      throw error
    },
  }) as AuthStrategyResult
}

/**
 * Payload's own JWT strategy, run where the database shows only the claimed person's own rows
 * (their user, memberships, sessions, the tenants they belong to): row-level security hides
 * every user from a request nobody is signed in to yet, so the session's user must be found
 * this narrowly. The signature is verified by Payload before the lookup; a forged or foreign
 * token finds nothing. Listed before Payload's fallback `local-jwt`, which then finds nothing.
 * A lookup that cannot reach the database fails the request instead (failRequest).
 */
export const accountJwtStrategy: AuthStrategy = {
  name: 'account-jwt',
  authenticate: async (args) => {
    const token = extractJWT({ headers: args.headers, payload: args.payload })
    const userId = token ? claimedUserId(token) : null
    if (!userId) return { user: null }
    let unreachable: unknown
    const payload = watchingLookups(args.payload, (error) => (unreachable ??= error))
    const result = await runAsAccountLookup(userId, () => JWTAuthentication({ ...args, payload, strategyName: 'local-jwt' }))
    return unreachable === undefined ? result : failRequest(unreachable)
  },
}
