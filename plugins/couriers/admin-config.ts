import type { CollectionConfig, Config } from 'payload'

import type { ResolvedCouriersOptions } from './options'

/** The admin pieces on the host's collections: orders (book, shipment, risk; bulk booking in the list), customers (risk). */
export function withCollectionAdmin(collection: CollectionConfig, _options: ResolvedCouriersOptions): CollectionConfig {
  return collection
}

/** The plugin's admin views (reconciliation, performance) and nav links. */
export function withAdminViews(config: Config, _options: ResolvedCouriersOptions): Config {
  return config
}
