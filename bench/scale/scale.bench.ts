import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, inject, it } from 'vitest'

import type { Product, Tenant } from '../../payload-types'
import { startCluster, type Cluster } from '../../tests/cluster/cluster'
import { createProduct, createStaff, createTenant, PASSWORD } from '../../tests/int/helpers/factories'
import { freshPayload } from '../../tests/int/helpers/payload'
import { prng } from '../rls/seed'
import { atRate, saturate, type Operation, type Result } from './load'

/**
 * Requests per second of a mixed staff workload served by one and by two production instances
 * (`npm start` of the build in .next, tests/cluster: one PostgreSQL, one Redis, haproxy in
 * front), and the p99 latency of both at one fixed rate. Needs `npm run build` first and
 * Debian's redis-server and haproxy. Prints ratios; asserts only that requests succeeded.
 *
 * The workload, each request as a random shop's signed-in staff member (tenant-admin or
 * sales-operator): product pages (35), customer lists (25), a product with its relations (15),
 * a GraphQL product list (15), and creating a customer (10).
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const TENANTS = env('BENCH_SCALE_TENANTS', 4)
const PRODUCTS = env('BENCH_SCALE_PRODUCTS', 60)
const CONCURRENCY = env('BENCH_SCALE_CONCURRENCY', 16)
const SECONDS = env('BENCH_SCALE_SECONDS', 20)
const RATE_SHARE = env('BENCH_SCALE_RATE_SHARE', 0.6)
const SEED = env('BENCH_SCALE_SEED', Date.now() % 2 ** 31)

type Staff = { token: string; products: Product[] }

function workload(staff: Staff[], random: () => number): Operation[] {
  const who = () => staff[Math.floor(random() * staff.length)]
  const auth = (s: Staff) => ({ authorization: `JWT ${s.token}` })
  const phone = () => `+88017${String(Math.floor(random() * 1e8)).padStart(8, '0')}`
  return [
    { name: 'products page', weight: 35, send: (url) => fetch(`${url}/api/products?limit=20&depth=0&page=${1 + Math.floor(random() * 3)}`, { headers: auth(who()) }) },
    { name: 'customers list', weight: 25, send: (url) => fetch(`${url}/api/customers?limit=20&depth=0&sort=-createdAt`, { headers: auth(who()) }) },
    {
      name: 'product by id',
      weight: 15,
      send: (url) => {
        const s = who()
        return fetch(`${url}/api/products/${s.products[Math.floor(random() * s.products.length)].id}?depth=1`, { headers: auth(s) })
      },
    },
    {
      name: 'graphql products',
      weight: 15,
      send: (url) =>
        fetch(`${url}/api/graphql`, {
          method: 'POST',
          headers: { ...auth(who()), 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ Products(limit: 10) { docs { id name price stock } } }' }),
        }),
    },
    {
      name: 'create customer',
      weight: 10,
      send: (url) =>
        fetch(`${url}/api/customers`, {
          method: 'POST',
          headers: { ...auth(who()), 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Bench Customer', phone: phone(), addresses: [{ line1: 'House 1, Road 2', city: 'Dhaka' }] }),
        }),
    },
  ]
}

async function logIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) })
  expect(res.status, await res.clone().text()).toBe(200)
  return ((await res.json()) as { token: string }).token
}

const f = (x: number, digits = 1) => x.toFixed(digits)
const line = (label: string, r: Result) =>
  `${label}: ${f(r.perSecond)} req/s over ${f(r.seconds)} s, p50 ${f(r.p50)} ms, p99 ${f(r.p99)} ms, ${r.errors} not 2xx` +
  ` (p99 by kind: ${Object.entries(r.byOp)
    .map(([op, v]) => `${op} ${f(v.p99)}`)
    .join(', ')})`

it(`one and two instances: throughput of a mixed staff workload (${CONCURRENCY} clients, ${SECONDS} s) and p99 at a fixed rate`, async () => {
  if (!existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) throw new Error('bench:scale serves the production build: run `npm run build` first')
  const payload = await freshPayload()
  const shops: { tenant: Tenant; products: Product[]; emails: string[] }[] = []
  for (let t = 0; t < TENANTS; t++) {
    const tenant = await createTenant(payload)
    const products: Product[] = []
    for (let p = 0; p < PRODUCTS; p++) products.push(await createProduct(payload, tenant))
    const emails = [(await createStaff(payload, tenant, 'tenant-admin')).email, (await createStaff(payload, tenant, 'sales-operator')).email]
    shops.push({ tenant, products, emails })
  }
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'emerkater-bench-media-'))
  const database = { url: inject('databaseUrl'), platformUrl: inject('platformDatabaseUrl'), migrateUrl: inject('ownerDatabaseUrl') }
  const appEnv = {
    PAYLOAD_SECRET: inject('payloadSecret'),
    SECRETS_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    MEDIA_DIR: mediaDir,
    RATE_LIMIT_LOGIN_IP: '100000/600',
    RATE_LIMIT_LOGIN_EMAIL: '100000/600',
    LOG_LEVEL: 'warn',
  }
  const random = prng(SEED)
  console.log(`scale bench: seed ${SEED}, ${TENANTS} shops × ${PRODUCTS} products, ${os.cpus().length} cores shared by the instances, PostgreSQL, Redis, haproxy and this load generator`)

  const measure = async (instances: number, perSecond?: number) => {
    let cluster: Cluster | undefined
    try {
      cluster = await startCluster({ database, instances, env: appEnv })
      const url = cluster.url
      const staff: Staff[] = []
      for (const shop of shops) for (const email of shop.emails) staff.push({ token: await logIn(url, email), products: shop.products })
      const operations = workload(staff, random)
      // Warm-up: every route compiled and cached on every instance, pools opened.
      await saturate(url, operations, { concurrency: CONCURRENCY, seconds: 5, random })
      const full = await saturate(url, operations, { concurrency: CONCURRENCY, seconds: SECONDS, random })
      const fixed = await atRate(url, operations, { perSecond: perSecond ?? full.perSecond * RATE_SHARE, seconds: SECONDS, random })
      return { full, fixed }
    } finally {
      await cluster?.stop()
    }
  }

  try {
    const one = await measure(1)
    const rate = one.full.perSecond * RATE_SHARE
    const two = await measure(2, rate)
    console.log(line('1 instance, saturated', one.full))
    console.log(line('2 instances, saturated', two.full))
    console.log(line(`1 instance at ${f(rate)} req/s`, one.fixed))
    console.log(line(`2 instances at ${f(rate)} req/s`, two.fixed))
    console.log(
      `scale: throughput 2 / 1 instances = ${f(two.full.perSecond / one.full.perSecond, 2)}; ` +
        `p99 at ${f(rate)} req/s (${Math.round(RATE_SHARE * 100)}% of one instance's saturation) 2 / 1 = ${f(two.fixed.p99 / one.fixed.p99, 2)}`,
    )
    for (const r of [one.full, two.full, one.fixed, two.fixed]) expect(r.errors, 'requests that did not succeed').toBe(0)
  } finally {
    rmSync(mediaDir, { recursive: true, force: true })
  }
})
