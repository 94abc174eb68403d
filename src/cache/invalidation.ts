import { randomUUID } from 'node:crypto'

import { processGlobal } from '../runtime/process-global'
import { KEY_PREFIX, redisCommands, redisSubscriber, whenReady } from './redis'

/**
 * Cache invalidation across app instances. A process that changes something cached (a tenant,
 * a plan, a membership) calls `invalidate(topic, id)`: its own handlers run at once, and with
 * REDIS_URL the message is published so every other instance runs its handlers too — within
 * milliseconds rather than a cache's TTL. `id` null means "everything under this topic".
 *
 * When the subscription is lost (Redis restarted, network), messages sent meanwhile are gone:
 * on reconnect every handler is called with null, so each cache drops all it holds once and the
 * TTLs bound how stale anything could have been. Without Redis only this process hears.
 */
export const INVALIDATION_CHANNEL = `${KEY_PREFIX}invalidate`

type Handler = (id: null | string) => void
type Message = { topic: string; id: null | string; from: string }

type State = { instance: string; handlers: Map<string, Set<Handler>>; subscribed?: Promise<void>; subscribedOn: unknown; received: number }

const state = processGlobal<State>('cache.invalidation', () => ({ instance: randomUUID(), handlers: new Map(), subscribedOn: null, received: 0 }))

const run = (topic: string, id: null | string) => {
  for (const handler of state.handlers.get(topic) ?? []) {
    try {
      handler(id)
    } catch (error) {
      console.warn(`invalidation handler for ${topic}: ${(error as Error).message}`)
    }
  }
}

/**
 * Listen to the other instances (with REDIS_URL; done by the first onInvalidate). Resolves once
 * the subscription is in place.
 */
export async function subscribe(): Promise<void> {
  const subscriber = redisSubscriber()
  if (!subscriber) return
  // Once per connection (closeRedis ends it; a new one subscribes again).
  if (state.subscribedOn === subscriber && state.subscribed) return state.subscribed
  state.subscribedOn = subscriber
  state.subscribed = subscriber.subscribe(INVALIDATION_CHANNEL).then(
    () => undefined,
    (error: Error) => console.warn(`redis subscribe: ${error.message}`),
  )
  let connectedBefore = false
  subscriber.on('ready', () => {
    // A reconnect: whatever was published while we were away is lost, so forget everything.
    if (connectedBefore) for (const topic of state.handlers.keys()) run(topic, null)
    connectedBefore = true
  })
  subscriber.on('message', (channel: string, raw: string) => {
    if (channel !== INVALIDATION_CHANNEL) return
    let message: Message
    try {
      message = JSON.parse(raw) as Message
    } catch {
      return
    }
    if (message.from === state.instance || typeof message.topic !== 'string') return
    state.received++
    run(message.topic, typeof message.id === 'string' ? message.id : null)
  })
  return state.subscribed
}

/** Run `handler` whenever `topic` is invalidated, here or (with Redis) on another instance. */
export function onInvalidate(topic: string, handler: Handler): void {
  let set = state.handlers.get(topic)
  if (!set) state.handlers.set(topic, (set = new Set()))
  set.add(handler)
  void subscribe()
}

/** Invalidate `topic`/`id` in this process now and, with Redis, on every other instance. */
export function invalidate(topic: string, id: null | string = null): void {
  run(topic, id)
  const redis = redisCommands()
  if (!redis) return
  const message: Message = { topic, id, from: state.instance }
  // If Redis is down the other instances fall back to their TTLs (and flush on reconnect);
  // while this process's connection is still opening, the message waits for it (up to a second).
  void whenReady(redis, 1_000)
    .then(() => redis.publish(INVALIDATION_CHANNEL, JSON.stringify(message)))
    .catch(() => undefined)
}

/** How many invalidations this process received from other instances (the health page, tests). */
export const invalidationsReceived = (): number => state.received
