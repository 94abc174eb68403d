import { performance } from 'node:perf_hooks'
import type { Payload } from 'payload'
import { expect, it } from 'vitest'

import { api } from '../../tests/int/helpers/api'
import { setEnv } from '../../tests/int/helpers/env'
import { createProduct, createTenant } from '../../tests/int/helpers/factories'
import { freshPayload } from '../../tests/int/helpers/payload'
import { mean, median, percentile, prng } from '../rls/seed'

/**
 * What the rate limits (src/ratelimit) add to a request. Two modes, toggled call by call in one
 * process against one database, in alternating order (so drift hits both alike):
 * - with:    RATE_LIMITS on, limits so high nothing is refused — every call is counted in
 *            PostgreSQL (`rate_limits` upserts on the limiter's own pool);
 * - without: RATE_LIMITS=off, the same handlers with the limiter skipped.
 * Workloads, through the real REST route handler:
 * - storefront list: anonymous `GET /api/products?limit=10` for a shop named by X-Tenant
 *   (`api-ip`, alongside the tenant lookup, then `api-tenant`);
 * - slug check: `GET /api/tenants/slug-available` (`slug-available`: one upsert on a request
 *   that does little else — the worst case).
 * Clients come from BENCH_RL_CLIENTS addresses (a mix of new and known rows). Prints medians,
 * p90s and ratios; asserts only that both modes answered 200.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const CALLS = env('BENCH_RL_CALLS', 300)
const CLIENTS = env('BENCH_RL_CLIENTS', 200)
const SEED = env('BENCH_RL_SEED', Date.now() % 2 ** 31)
const MODES = ['with', 'without'] as const
type Mode = (typeof MODES)[number]

const f = (x: number, digits = 2) => x.toFixed(digits)

it(`the rate limits add little to a request (${CALLS} calls per mode and workload, with / without, interleaved)`, async () => {
  const payload: Payload = await freshPayload()
  const shop = await createTenant(payload, { slug: 'bench-shop' })
  for (let i = 0; i < 20; i++) await createProduct(payload, shop)
  const high = '1000000000/60'
  const restore = setEnv({ RATE_LIMIT_API_IP: high, RATE_LIMIT_API_TENANT: high, RATE_LIMIT_SLUG_AVAILABLE: high, RATE_LIMITS: 'on' })
  const random = prng(SEED)
  const client = () => `198.18.${Math.floor(random() * CLIENTS) % 256}.${Math.floor(random() * 250) + 1}`

  const workloads = [
    { name: 'storefront list', call: () => api('GET', '/products?limit=10&depth=0', { headers: { 'x-tenant': shop.slug, 'x-forwarded-for': client() } }) },
    { name: 'slug check', call: () => api('GET', '/tenants/slug-available?slug=some-new-shop', { headers: { 'x-forwarded-for': client() } }) },
  ]
  try {
    console.log(`rate-limit bench: seed ${SEED}, ${CALLS} calls per mode and workload, ${CLIENTS} client addresses`)
    for (const workload of workloads) {
      const times: Record<Mode, number[]> = { with: [], without: [] }
      const pairs: number[] = []
      const once = async (mode: Mode) => {
        process.env.RATE_LIMITS = mode === 'with' ? 'on' : 'off'
        const t0 = performance.now()
        const res = await workload.call()
        const ms = performance.now() - t0
        expect(res.status, `${workload.name} (${mode})`).toBe(200)
        expect(res.headers.has('ratelimit'), `${workload.name} (${mode}) is counted`).toBe(mode === 'with')
        return ms
      }
      // Warm-up: limiter, pool connections, prepared statements, Payload's caches.
      for (let i = 0; i < 20; i++) for (const mode of MODES) await once(mode)
      for (let i = 0; i < CALLS; i++) {
        const order = i % 2 === 0 ? MODES : [...MODES].reverse()
        const took: Partial<Record<Mode, number>> = {}
        for (const mode of order) took[mode] = await once(mode)
        times.with.push(took.with!)
        times.without.push(took.without!)
        pairs.push(took.with! / took.without!)
      }
      const [w, wo] = [median(times.with), median(times.without)]
      console.log(
        `rate-limit ${workload.name}: with ${f(w)} ms, without ${f(wo)} ms, ratio ${f(w / wo, 3)} ` +
          `(median of per-call ratios ${f(median(pairs), 3)}, mean ratio ${f(mean(times.with) / mean(times.without), 3)}; ` +
          `p90 ${f(percentile(times.with, 90))} vs ${f(percentile(times.without, 90))} ms; added ≈ ${f(w - wo)} ms)`,
      )
    }
  } finally {
    restore()
  }
})
