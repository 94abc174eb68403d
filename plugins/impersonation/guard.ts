import type { CollectionAfterLogoutHook, CollectionAfterReadHook, CollectionBeforeOperationHook, Config, Endpoint, PayloadHandler } from 'payload'

import { notWhileImpersonating, readOnlyRefusal } from './errors'
import { GRANTS, idOf } from './grants'
import { impersonationOf } from './session'

const WRITES = new Set(['create', 'update', 'delete', 'forgotPassword', 'resetPassword', 'unlock'])

/**
 * beforeOperation of every collection: a read-only session writes nothing (REST, GraphQL and the
 * Local API with its `req`); no session changes any account (the person's password, email or
 * memberships are theirs); a refresh renews the impersonator's own token, never the target's.
 */
export const guardOperation =
  (usersSlug: string): CollectionBeforeOperationHook =>
  ({ args, collection, operation, req }) => {
    const session = impersonationOf(req.user)
    // Grants are written by the plugin's endpoints only (their API access is nobody's): ending a
    // session from inside it must be able to.
    if (!session || collection.slug === GRANTS) return args
    if (operation === 'refresh') {
      const impersonator = (req.user as { impersonator?: unknown }).impersonator
      if (!impersonator) throw notWhileImpersonating('renewing the session')
      req.user = impersonator as typeof req.user
      if (args && typeof args === 'object' && 'req' in args) (args as { req: typeof req }).req.user = req.user
      return args
    }
    if (collection.slug === usersSlug && WRITES.has(operation)) throw notWhileImpersonating('changing an account')
    if (session.readOnly && WRITES.has(operation)) throw readOnlyRefusal()
    return args
  }

/**
 * afterLogout of users (it runs before Payload removes the session from the user's row): signing
 * out inside a session would write the *target's* row (and, with `allSessions`, sign them out
 * everywhere). Refused: end the impersonation first, then sign out as yourself.
 */
export const refuseLogoutInSession: CollectionAfterLogoutHook = ({ req }) => {
  if (impersonationOf(req.user)) throw notWhileImpersonating('signing out')
}

/** afterRead of users: inside a session every account shows only its membership of the grant's shop. */
export const hideOtherMemberships: CollectionAfterReadHook = ({ doc, req }) => {
  const session = impersonationOf(req.user)
  if (!session || !Array.isArray(doc?.tenants)) return doc
  return { ...doc, tenants: doc.tenants.filter((row: { tenant?: unknown }) => row?.tenant && idOf(row.tenant) === session.tenantId) }
}

const READS = new Set(['get', 'head', 'options'])

/** A custom endpoint that changes something refuses a read-only session (`allowed`: the plugin's own end). */
const guardEndpoint = (endpoint: Endpoint, allowed: ReadonlySet<PayloadHandler>): Endpoint => {
  if (READS.has(endpoint.method) || allowed.has(endpoint.handler)) return endpoint
  const handler: PayloadHandler = (req) => {
    if (impersonationOf(req.user)?.readOnly) throw readOnlyRefusal()
    return endpoint.handler(req)
  }
  return { ...endpoint, handler }
}

/** Every collection guarded (operations, custom endpoints) and the users' memberships narrowed. */
export function guardConfig(config: Config, usersSlug: string, allowed: ReadonlySet<PayloadHandler>): Config {
  return {
    ...config,
    endpoints: (config.endpoints ?? []).map((e) => guardEndpoint(e, allowed)),
    collections: config.collections?.map((collection) => ({
      ...collection,
      ...(Array.isArray(collection.endpoints) ? { endpoints: collection.endpoints.map((e) => guardEndpoint(e, allowed)) } : {}),
      hooks: {
        ...collection.hooks,
        beforeOperation: [guardOperation(usersSlug), ...(collection.hooks?.beforeOperation ?? [])],
        // Only the users get these (an explicit `undefined` would hide Payload's default `[]`).
        ...(collection.slug === usersSlug ? { afterRead: [...(collection.hooks?.afterRead ?? []), hideOtherMemberships], afterLogout: [refuseLogoutInSession, ...(collection.hooks?.afterLogout ?? [])] } : {}),
      },
    })),
  }
}
