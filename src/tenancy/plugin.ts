import type { Config } from 'payload'

import { resolveTenantBeforeOperation } from './resolve-tenant-hook'

export type TenantResolutionPluginOptions = {
  /** Slugs of the tenant-owned collections whose operations resolve the request's tenant. */
  collections: readonly string[]
  /** @default true */
  enabled?: boolean
}

/**
 * Puts tenant resolution in front of every operation of the given collections (REST, GraphQL,
 * and Local API calls made with an HTTP request's `req`). See src/tenancy/README.md.
 */
export const tenantResolutionPlugin =
  ({ collections, enabled = true }: TenantResolutionPluginOptions) =>
  (config: Config): Config => {
    if (!enabled) return config
    const slugs = new Set(collections)
    return {
      ...config,
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
