import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { INVALIDATION_CHANNEL, invalidate, invalidationsReceived, onInvalidate, subscribe } from '../../src/cache/invalidation'
import { closeRedis } from '../../src/cache/redis'
import { cachedTenant, forgetTenant, rememberTenant } from '../../src/tenancy/tenant-cache'
import type { Tenant } from '../../payload-types'
import { startRedis } from '../cluster/redis-server'

/**
 * Cache invalidation across app instances through Redis (src/cache/invalidation.ts), against a
 * real redis-server: another instance is a second Redis connection publishing what an instance
 * publishes when a tenant changes there (the two-instance run behind haproxy is
 * tests/e2e/scale-out.spec.ts).
 */
let redis: Awaited<ReturnType<typeof startRedis>>
let otherInstance: Redis
const before = process.env.REDIS_URL

const tenant = (id: string): Tenant => ({ id, name: `Shop ${id}`, slug: `shop-${id}`, status: 'active' }) as Tenant
const fromOther = (topic: string, id: null | string) => otherInstance.publish(INVALIDATION_CHANNEL, JSON.stringify({ topic, id, from: 'another-instance' }))
const soon = async (check: () => boolean, ms = 1_000) => {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10))
  return check()
}

beforeAll(async () => {
  redis = await startRedis()
  process.env.REDIS_URL = redis.url
  await subscribe()
  otherInstance = new Redis(redis.url)
  otherInstance.on('error', () => undefined)
})

afterAll(async () => {
  otherInstance?.disconnect()
  await closeRedis()
  process.env.REDIS_URL = before ?? ''
  if (before === undefined) delete process.env.REDIS_URL
  await redis?.stop()
})

describe('tenant cache across instances', () => {
  it('a tenant changed on another instance is forgotten here within a second', async () => {
    rememberTenant(tenant('9001'))
    rememberTenant(tenant('9002'))
    expect(cachedTenant('9001')?.slug).toBe('shop-9001')
    await fromOther('tenant', '9001')
    expect(await soon(() => cachedTenant('9001') === undefined)).toBe(true)
    // Only that one: the other shop stays cached.
    expect(cachedTenant('9002')?.slug).toBe('shop-9002')
  })

  it('for a moment after the change nothing of that tenant is cached (its transaction may not have committed)', async () => {
    await fromOther('tenant', '9003')
    await soon(() => false, 100)
    rememberTenant(tenant('9003'))
    expect(cachedTenant('9003')).toBeUndefined()
  })

  it('"everything" from another instance empties the cache', async () => {
    rememberTenant(tenant('9004'))
    await fromOther('tenant', null)
    expect(await soon(() => cachedTenant('9004') === undefined && cachedTenant('9002') === undefined)).toBe(true)
  })

  it('a change here is published for the others, and not applied twice here', async () => {
    const heard: unknown[] = []
    const listener = new Redis(redis.url)
    listener.on('error', () => undefined)
    await listener.subscribe(INVALIDATION_CHANNEL)
    listener.on('message', (_channel, raw: string) => heard.push(raw))
    const received = invalidationsReceived()
    forgetTenant('9005')
    expect(await soon(() => heard.length === 1)).toBe(true)
    expect(JSON.parse(heard[0] as string)).toMatchObject({ topic: 'tenant', id: '9005' })
    // Its own message comes back on the channel; it is not counted as another instance's.
    await soon(() => false, 200)
    expect(invalidationsReceived()).toBe(received)
    await listener.quit()
  })

  it('malformed messages on the channel are ignored', async () => {
    rememberTenant(tenant('9006'))
    await otherInstance.publish(INVALIDATION_CHANNEL, 'not json')
    await otherInstance.publish(INVALIDATION_CHANNEL, JSON.stringify({ id: '9006', from: 'x' }))
    await soon(() => false, 200)
    expect(cachedTenant('9006')?.slug).toBe('shop-9006')
  })
})

describe('other topics', () => {
  it('handlers of a topic run for it, here and from another instance', async () => {
    const seen: (null | string)[] = []
    onInvalidate('test-topic', (id) => seen.push(id))
    invalidate('test-topic', 'here')
    await fromOther('test-topic', 'there')
    expect(await soon(() => seen.length === 2)).toBe(true)
    expect(seen).toEqual(['here', 'there'])
  })
})
