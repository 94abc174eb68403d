import { accessOperation, headersWithCors, type Config, type Endpoint } from 'payload'

import { tenantOfRequest } from './request-tenant'
import { resolveTenantBeforeOperation } from './resolve-tenant-hook'

/**
 * GET /api/access — Payload's "what may this caller do" for the admin — with the request's
 * tenant resolved first. The access functions resolve it anyway, and Payload's own handler
 * answers any error they throw (an unknown X-Tenant's 404, a tenant the caller may not name,
 * a 429 of the API limits) as a 500 whose body is the error object itself (found by the fuzz
 * test). Resolved here, those answer as on every other route; anything else is thrown to the
 * config's afterError like any error.
 */
export const accessEndpoint: Endpoint = {
  path: '/access',
  method: 'get',
  handler: async (req) => {
    await tenantOfRequest(req)
    return Response.json(await accessOperation({ req }), { headers: headersWithCors({ headers: new Headers(), req }) })
  },
}

export type TenantResolutionPluginOptions = {
  /** Slugs of the tenant-owned collections whose operations resolve the request's tenant. */
  collections: readonly string[]
  /** @default true */
  enabled?: boolean
}

/**
 * Puts tenant resolution in front of every operation of the given collections (REST, GraphQL,
 * and Local API calls made with an HTTP request's `req`), and of GET /api/access, which runs
 * every collection's access. See src/tenancy/README.md.
 */
export const tenantResolutionPlugin =
  ({ collections, enabled = true }: TenantResolutionPluginOptions) =>
  (config: Config): Config => {
    if (!enabled) return config
    const slugs = new Set(collections)
    return {
      ...config,
      // Before Payload's own GET /access, which sanitizing appends after the config's endpoints.
      endpoints: [...(config.endpoints ?? []), accessEndpoint],
      collections: (config.collections ?? []).map((collection) =>
        slugs.has(collection.slug)
          ? {
              ...collection,
              hooks: {
                ...collection.hooks,
                beforeOperation: [resolveTenantBeforeOperation, ...(collection.hooks?.beforeOperation ?? [])],
              },
            }
          : collection,
      ),
    }
  }
