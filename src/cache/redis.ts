import { Redis } from 'ioredis'

import { processGlobal } from '../runtime/process-global'

/**
 * Redis, when REDIS_URL is set: the store several app instances share (rate limits, Payload's
 * KV, cache invalidation). Without it the single-machine defaults stay PostgreSQL-backed and
 * every cache is per process. Every key this app writes starts with KEY_PREFIX, so one Redis can
 * serve several deployments; keys about one shop continue with `t:<tenant id>:` (sharedKey).
 */
export const KEY_PREFIX = process.env.REDIS_KEY_PREFIX ?? 'emerkater:'

export const redisUrl = (): string | undefined => process.env.REDIS_URL || undefined

/** A shared key: `emerkater:<area>:t:<tenant>:<rest>` for a shop's, `emerkater:<area>:<rest>` otherwise. */
export const sharedKey = (area: string, tenant: null | string | undefined, ...rest: string[]): string => [`${KEY_PREFIX}${area}`, ...(tenant ? ['t', tenant] : []), ...rest].join(':')

type Clients = { commands?: Redis; subscriber?: Redis }

const clients = processGlobal('cache.redis', (): Clients => ({}))

const connect = (url: string, name: string): Redis => {
  // No offline queue: while Redis is away, commands fail at once and the callers fall back
  // (the rate limiter to its in-memory insurance, caches to their TTL) instead of queueing.
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: `emerkater-${name}-${process.pid}`, lazyConnect: false })
  let warned = false
  client.on('error', (error: Error) => {
    if (!warned) console.warn(`redis (${name}): ${error.message}`)
    warned = true
  })
  client.on('ready', () => (warned = false))
  return client
}

/** The process's command connection (lazily opened), or null without REDIS_URL. */
export function redisCommands(): null | Redis {
  const url = redisUrl()
  if (!url) return null
  return (clients.commands ??= connect(url, 'commands'))
}

/** The process's subscriber connection (a connection in subscribe mode can do nothing else). */
export function redisSubscriber(): null | Redis {
  const url = redisUrl()
  if (!url) return null
  if (!clients.subscriber) {
    // A subscriber must queue its SUBSCRIBE until the first connect; ioredis re-subscribes itself on reconnect.
    clients.subscriber = new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: null, connectionName: `emerkater-subscriber-${process.pid}` })
    clients.subscriber.on('error', () => undefined)
  }
  return clients.subscriber
}

/** Resolves when `client` is connected, or rejects after `ms` (a connection still opening, or Redis away). */
export const whenReady = (client: Redis, ms: number): Promise<void> =>
  client.status === 'ready'
    ? Promise.resolve()
    : new Promise((resolve, reject) => {
        const timer = setTimeout(() => (client.off('ready', ready), reject(new Error('redis is not ready'))), ms)
        const ready = () => (clearTimeout(timer), resolve())
        client.once('ready', ready)
      })

/** Close this process's connections (tests, shutdown). */
export async function closeRedis(): Promise<void> {
  const open = [clients.commands, clients.subscriber].filter((c): c is Redis => !!c)
  clients.commands = undefined
  clients.subscriber = undefined
  await Promise.all(open.map((c) => c.quit().catch(() => c.disconnect())))
}
