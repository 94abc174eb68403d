import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import type pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Product, Tenant } from '../../payload-types'
import { api, login } from './helpers/api'
import { createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

type ContextPool = pg.Pool & { platformPool(): pg.Pool | null }

/**
 * What one request costs the connection pools (issue 15): a REST request runs its statements on
 * one pooled connection (src/db/rls/request-connection.ts) — the user, the tenant resolution, the
 * tenant status, the count and the page — so a staff list takes at most two checkouts and a
 * by-id read one. Counted as `acquire` events of the request role's and the platform role's pools.
 */
describe('pool checkouts per request', () => {
  let payload: Payload
  let shop: Tenant
  let other: Tenant
  let token: string
  let sharedToken: string
  let product: Product

  const pools = () => {
    const pool = (payload.db as unknown as PostgresAdapter).pool as ContextPool
    return [pool, pool.platformPool()].filter((p): p is pg.Pool => Boolean(p))
  }

  /** The checkouts `fn` makes, and what it answered. */
  async function checkouts<T>(fn: () => Promise<T>): Promise<{ count: number; result: T }> {
    let count = 0
    const onAcquire = () => void count++
    for (const pool of pools()) pool.on('acquire', onAcquire)
    try {
      const result = await fn()
      return { count, result }
    } finally {
      for (const pool of pools()) pool.off('acquire', onAcquire)
    }
  }

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload)
    other = await createTenant(payload)
    for (let i = 0; i < 3; i++) product = await createProduct(payload, shop)
    await createProduct(payload, other)
    const admin = await createStaff(payload, shop, 'tenant-admin')
    token = await login(admin.email, PASSWORD)
    const shared = await createStaff(payload, [shop, other], 'tenant-admin')
    sharedToken = await login(shared.email, PASSWORD)
    // Warm: the first request of a process builds caches that are not per request.
    await api('GET', '/products?limit=1', { token })
  })

  it('a staff list: at most 2 checkouts, and only its own tenant’s rows', async () => {
    const { count, result } = await checkouts(() => api('GET', '/products?limit=20&depth=0', { token }))
    expect(result.status).toBe(200)
    expect(result.body.totalDocs).toBe(3)
    expect(count).toBeLessThanOrEqual(2)
  })

  it('the same list for staff of two shops, one named by header: at most 2 checkouts', async () => {
    const { count, result } = await checkouts(() => api('GET', '/products?limit=20&depth=0', { token: sharedToken, headers: { 'X-Tenant': shop.slug } }))
    expect(result.status).toBe(200)
    expect(result.body.docs.every((p: Product) => p.tenant === shop.id)).toBe(true)
    expect(count).toBeLessThanOrEqual(2)
  })

  it('a by-id read: 1 checkout', async () => {
    const { count, result } = await checkouts(() => api('GET', `/products/${product.id}?depth=0`, { token }))
    expect(result.status).toBe(200)
    expect(result.body.id).toBe(product.id)
    expect(count).toBe(1)
  })

  it('users/me: 1 checkout', async () => {
    const { count, result } = await checkouts(() => api('GET', '/users/me', { token }))
    expect(result.status).toBe(200)
    expect(result.body.user?.id).toBeTruthy()
    expect(count).toBe(1)
  })

  it('a create borrows the request’s connection for its transaction: at most 2 checkouts', async () => {
    const { count, result } = await checkouts(() => api('POST', '/products', { token, body: { name: 'Counted', sku: `CNT-${Date.now()}`, price: 100, currency: 'BDT', stock: 1 } }))
    expect(result.status).toBe(201)
    expect(count).toBeLessThanOrEqual(2)
  })
})
