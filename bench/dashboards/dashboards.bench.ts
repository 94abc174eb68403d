import { performance } from 'node:perf_hooks'

import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { api, login } from '../../tests/int/helpers/api'
import { createStaff, createTenant, PASSWORD } from '../../tests/int/helpers/factories'
import { freshPayload, ownerPool } from '../../tests/int/helpers/payload'

/**
 * The dashboards' promise: the shop's home costs O(days), whatever the number of orders. Two
 * shops, one with BENCH_ORDERS orders (default 1 000 000) and one with BENCH_SMALL_ORDERS
 * (default 1 000), spread over the last BENCH_DAYS days (default 90), written straight into the
 * table as the owner. Measured in one run:
 * 1. the rollup — POST /api/dashboards/recompute over all the days — per day of data, per shop;
 * 2. GET /api/dashboards/summary?period=30d, BENCH_ROUNDS times per shop: p50 and the ratio
 *    big / small (target ≤ 1.2: the summary reads the rollup, never the orders).
 * Timings are printed, never asserted; the assertions are sanity checks (the figures are right).
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const BIG = env('BENCH_ORDERS', 1_000_000)
const SMALL = env('BENCH_SMALL_ORDERS', 1_000)
const DAYS = env('BENCH_DAYS', 90)
const ROUNDS = Math.max(5, env('BENCH_ROUNDS', 50))
const log = (line = '') => console.log(line)
const dayIn = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Dhaka', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms))
const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function seedOrders(tenantId: string, count: number): Promise<void> {
  const owner = ownerPool()
  const {
    rows: [customer],
  } = await owner.query(`insert into customers (tenant_id, name, phone) values ($1, 'Bench', '01700000000') returning id`, [tenantId])
  // In batches of 100 000, so one statement never holds everything.
  for (let done = 0; done < count; done += 100_000) {
    await owner.query(
      `insert into orders (tenant_id, customer_id, source, status, total, created_at, updated_at)
       select $1, $2, (array['facebook','whatsapp','storefront','manual']::enum_orders_source[])[1 + i % 4],
              (array['pending','confirmed','delivered','cancelled','returned']::enum_orders_status[])[1 + i % 5],
              1000 + i % 9000, now() - random() * make_interval(days => $4), now() - interval '1 hour'
       from generate_series(1, $3) i`,
      [tenantId, customer.id, Math.min(100_000, count - done), DAYS - 1],
    )
  }
  await owner.query('analyze orders')
}

describe('dashboards bench', () => {
  let payload: Payload
  let big: Tenant
  let small: Tenant
  let bigToken: string
  let smallToken: string

  beforeAll(async () => {
    payload = await freshPayload()
    big = await createTenant(payload, { timezone: 'Asia/Dhaka' })
    small = await createTenant(payload, { timezone: 'Asia/Dhaka' })
    bigToken = await login((await createStaff(payload, big, 'tenant-admin')).email, PASSWORD)
    smallToken = await login((await createStaff(payload, small, 'tenant-admin')).email, PASSWORD)
    const started = performance.now()
    await seedOrders(big.id, BIG)
    await seedOrders(small.id, SMALL)
    log(`seeded ${BIG} + ${SMALL} orders over ${DAYS} days in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  })

  it(`rollup per day of data, then the dashboard's p50 with ${BIG} orders vs ${SMALL}`, async () => {
    const from = dayIn(Date.now() - DAYS * 86_400_000)
    const to = dayIn(Date.now())
    const rollup: Record<string, number> = {}
    for (const [name, shop, token] of [
      ['big', big, bigToken],
      ['small', small, smallToken],
    ] as const) {
      const t0 = performance.now()
      const res = await api('POST', `/dashboards/recompute?tenant=${shop.id}&from=${from}&to=${to}`, { token })
      rollup[name] = performance.now() - t0
      expect(res.status, JSON.stringify(res.body)).toBe(200)
    }
    const days = DAYS + 1
    const timings: Record<string, number[]> = { big: [], small: [] }
    for (let round = 0; round < ROUNDS + 3; round++)
      for (const [name, token] of [
        ['big', bigToken],
        ['small', smallToken],
      ] as const) {
        const t0 = performance.now()
        const res = await api('GET', '/dashboards/summary?period=30d', { token })
        const ms = performance.now() - t0
        expect(res.status).toBe(200)
        if (round >= 3) timings[name].push(ms) // the first rounds warm up
      }
    const ninety = await api('GET', `/dashboards/summary?period=custom&from=${from}&to=${to}`, { token: bigToken })
    expect(ninety.body.sections.sales.tiles.find((t: { key: string }) => t.key === 'orders').value).toBe(BIG)
    log()
    log(`rollup (POST /api/dashboards/recompute, ${days} days):`)
    log(`  ${BIG} orders: ${rollup.big.toFixed(0)} ms, ${(rollup.big / days).toFixed(1)} ms per day (${Math.round(BIG / days)} orders a day)`)
    log(`  ${SMALL} orders: ${rollup.small.toFixed(0)} ms, ${(rollup.small / days).toFixed(1)} ms per day (${Math.round(SMALL / days)} orders a day)`)
    log(`dashboard (GET /api/dashboards/summary?period=30d, p50 of ${ROUNDS}):`)
    log(`  ${BIG} orders: ${p50(timings.big).toFixed(1)} ms; ${SMALL} orders: ${p50(timings.small).toFixed(1)} ms; ratio ${(p50(timings.big) / p50(timings.small)).toFixed(2)} (target ≤ 1.2)`)
  })
})
