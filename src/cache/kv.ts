import { redisKVAdapter } from '@payloadcms/kv-redis'
import { databaseKVAdapter, type CollectionConfig, type KVAdapterResult } from 'payload'

import { KEY_PREFIX, redisUrl } from './redis'

/**
 * Payload's key-value store (`payload.kv`): Redis (`@payloadcms/kv-redis`, keys
 * `emerkater:kv:<key>`) when REDIS_URL is set, so every instance shares it; otherwise Payload's
 * default, the `payload_kv` table. Keys about one shop should be made with sharedKey's scheme
 * (`t:<tenant id>:…`).
 */
export const kvAdapter = (): KVAdapterResult | undefined => {
  const url = redisUrl()
  return url ? redisKVAdapter({ keyPrefix: `${KEY_PREFIX}kv:`, redisURL: url }) : undefined
}

/**
 * The `payload_kv` table stays in the schema whichever store `payload.kv` uses: a schedule's
 * claimed slots are rows there (src/jobs/claim-slot.ts), inserted in the same transaction as the
 * job they queue — a claim in Redis could not commit or roll back with it. Without Redis,
 * Payload adds the collection itself; with Redis it would not, and the schema (and migrations)
 * would then depend on an environment variable.
 */
export const kvTableCollections = (): CollectionConfig[] => {
  const collection = redisUrl() ? databaseKVAdapter().kvCollection : undefined
  return collection ? [collection] : []
}
