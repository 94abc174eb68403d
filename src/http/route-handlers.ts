import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

import { withGraphqlBodyGuard } from '../graphql/body-guard'
import { withRequestConnections } from '../db/rls/request-connection'
import { withTenantScope as withTenantScopeOnly } from '../tenancy/request-context'
import { withBodyGuard } from './body-guard'
import { withErrorResponse } from './error-response'
import { withoutUnusedRoutes } from './unused-routes'

type Config = Promise<SanitizedConfig> | SanitizedConfig

/** A request scope (tenant, database context) and one pooled connection per request. */
const withTenantScope = <A extends unknown[], R>(handler: (...args: A) => Promise<R>) => withTenantScopeOnly(withRequestConnections(handler))

/**
 * Payload's REST route handlers as the app mounts them (src/app/(payload)/api/[...slug]/route.ts):
 * each request runs in its own request scope (src/tenancy/request-context.ts), which its tenant
 * resolution and sign-in fill, with one database connection (src/db/rls/request-connection.ts);
 * a body is checked against its route's rule before Payload reads
 * it (body-guard.ts); and an error that escapes Payload answers the one error body
 * (error-response.ts). Tests call the route modules themselves (tests/int/helpers/api.ts).
 */
export const restRoutes = (config: Config) => ({
  GET: withTenantScope(withErrorResponse(withoutUnusedRoutes(config, REST_GET(config)))),
  POST: withTenantScope(withErrorResponse(withoutUnusedRoutes(config, withBodyGuard(config, REST_POST(config))))),
  DELETE: withTenantScope(withErrorResponse(withoutUnusedRoutes(config, REST_DELETE(config)))),
  PATCH: withTenantScope(withErrorResponse(withoutUnusedRoutes(config, withBodyGuard(config, REST_PATCH(config))))),
  PUT: withTenantScope(withErrorResponse(withoutUnusedRoutes(config, withBodyGuard(config, REST_PUT(config))))),
  OPTIONS: REST_OPTIONS(config),
})

/**
 * Payload's GraphQL route handler as the app mounts it (src/app/(payload)/api/graphql/route.ts),
 * behind its body guard (src/graphql/body-guard.ts); errors that escape answer GraphQL's shape.
 */
export const graphqlRoute = (config: Config) => ({
  POST: withTenantScope(withErrorResponse(withGraphqlBodyGuard(GRAPHQL_POST(config)), 'graphql')),
  OPTIONS: REST_OPTIONS(config),
})
