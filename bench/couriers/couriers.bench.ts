import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { dhakaTime, startFakeSteadfast, type FakeSteadfast } from '../../tests/fakes/couriers'
import { startRouteServer } from '../../tests/int/helpers/couriers'
import { setEnv } from '../../tests/int/helpers/env'
import { drainQueue } from '../../tests/int/helpers/jobs-queue'
import { freshPayload, ownerPool } from '../../tests/int/helpers/payload'
import { f, header, inFlight, merge, rate, ratio, row, timed, type Result } from './load'
import { benchShop, bookBulk, bookOneByOne, confirmedOrders, steadfastAccounts, sumOf, type BenchShop, type Booking } from './world'

/**
 * The couriers plugin's two hot paths, against the fake Steadfast (tests/fakes/couriers):
 * 1. Webhooks: Steadfast `delivery_status` notifications sent by the fake's own sender over
 *    loopback HTTP to POST /api/couriers/webhooks/steadfast/:webhookId, served by the app's route
 *    modules (tests/int/helpers/couriers.ts `startRouteServer`), each proven (Bearer secret),
 *    stored once and answered 200; then the `courierProcessEvents` jobs applying them to the
 *    shipments. Events/s for one shop and for BENCH_SHOPS shops, against GET /api/health through
 *    the same server in the same run.
 * 2. Booking: orders booked end to end — POST /api/shipments/book, the `courierBook` job (one
 *    bulk call), every shipment booked — for a bulk of BENCH_BULK, a bulk of BENCH_BULK_SMALL and
 *    BENCH_BULK_SMALL orders one at a time; per-order cost ratios.
 * Timings are printed, never asserted; the assertions are sanity checks (every event stored once
 * and applied, every order booked).
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const EVENTS = env('BENCH_EVENTS', 500)
const CONCURRENCY = env('BENCH_CONCURRENCY', 16)
const SHOPS = Math.max(2, env('BENCH_SHOPS', 10))
const SHOP_SHIPMENTS = env('BENCH_SHOP_SHIPMENTS', 20)
const BULK = env('BENCH_BULK', 200)
const SMALL = env('BENCH_BULK_SMALL', 20)
const ROUNDS = Math.max(1, env('BENCH_ROUNDS', 5))
const WARM_UP = 50

const log = (line = '') => console.log(line)

describe('couriers bench', () => {
  let payload: Payload
  let fake: FakeSteadfast
  let server: Awaited<ReturnType<typeof startRouteServer>>
  let shops: BenchShop[]
  let restore: () => void

  beforeAll(async () => {
    // Sign-ins only (one per shop, from one address); the measured requests are not signed in or not counted per IP.
    restore = setEnv({ RATE_LIMIT_LOGIN_IP: '1000/600' })
    payload = await freshPayload()
    fake = await startFakeSteadfast({ accounts: steadfastAccounts(SHOPS) })
    process.env.STEADFAST_URL = fake.url
    server = await startRouteServer()
    shops = []
    for (const account of steadfastAccounts(SHOPS)) shops.push(await benchShop(payload, account, server.origin))
  })
  afterAll(async () => {
    restore()
    await Promise.all([fake.close(), server.close()])
  })

  it(`booking: a bulk of ${BULK} orders vs a bulk of ${SMALL} vs ${SMALL} one at a time`, async () => {
    const [main] = shops
    const warm = await confirmedOrders(payload, main, 6)
    const smalls = [await confirmedOrders(payload, main, SMALL), await confirmedOrders(payload, main, SMALL)]
    const singles = [await confirmedOrders(payload, main, SMALL), await confirmedOrders(payload, main, SMALL)]
    const bulk = await confirmedOrders(payload, main, BULK)
    // Warm-up: the bulk path and the one-order path once each, untimed.
    await bookBulk(payload, fake, main, warm.slice(0, 5))
    await bookOneByOne(payload, fake, main, warm.slice(5))
    // The small workloads run before and after the big bulk (small, single, BULK, single, small), so a drift in load hits both sides alike.
    const small1 = await bookBulk(payload, fake, main, smalls[0])
    const single1 = await bookOneByOne(payload, fake, main, singles[0])
    const big = await bookBulk(payload, fake, main, bulk)
    const single2 = await bookOneByOne(payload, fake, main, singles[1])
    const small2 = await bookBulk(payload, fake, main, smalls[1])
    const runs: [string, Booking][] = [
      [`bulk of ${SMALL} (×2)`, sumOf([small1, small2])],
      [`bulk of ${BULK}`, big],
      [`${SMALL} one at a time (×2)`, sumOf([single1, single2])],
    ]
    expect(big.providerCalls, `the ${BULK} went in ${Math.ceil(BULK / 500)} bulk call(s)`).toBe(Math.ceil(BULK / 500))
    expect(runs[2][1].providerCalls, 'one create_order per order').toBe(2 * SMALL)
    expect(fake.state.consignments.size, 'every order booked once at the courier').toBe(warm.length + 4 * SMALL + BULK)

    log()
    log('Booking against the fake Steadfast, end to end: POST /api/shipments/book → courierBook job (drained) → every shipment booked')
    log(
      `${'workload'.padEnd(24)}${'orders'.padStart(8)}${'total s'.padStart(10)}${'orders/s'.padStart(10)}${'ms/order'.padStart(10)}${'request ms'.padStart(12)}${'job ms'.padStart(10)}${'courier calls'.padStart(15)}`,
    )
    for (const [name, b] of runs) {
      const cells = [String(b.orders), f(b.seconds), f(b.orders / b.seconds, 1), f((1000 * b.seconds) / b.orders), f(1000 * b.endpointSeconds, 0), f(1000 * b.jobSeconds, 0), String(b.providerCalls)]
      log(name.padEnd(24) + cells.map((c, i) => c.padStart([8, 10, 10, 10, 12, 10, 15][i])).join(''))
    }
    const per = (b: Booking, part: 'seconds' | 'endpointSeconds' | 'jobSeconds') => b[part] / b.orders
    const perOrder = (b: Booking) => per(b, 'seconds')
    log(
      `ratio per-order cost, bulk of ${BULK} ÷ bulk of ${SMALL}: ${f(perOrder(runs[1][1]) / perOrder(runs[0][1]), 3)} (request ${f(per(runs[1][1], 'endpointSeconds') / per(runs[0][1], 'endpointSeconds'), 3)}, job ${f(per(runs[1][1], 'jobSeconds') / per(runs[0][1], 'jobSeconds'), 3)})`,
    )
    log(`ratio per-order cost, one at a time ÷ bulk of ${BULK}: ${f(perOrder(runs[2][1]) / perOrder(runs[1][1]), 3)}`)
    log(`the small workloads' two runs, before ÷ after the big bulk (drift): bulk of ${SMALL} ${f(perOrder(small1) / perOrder(small2), 3)}, one at a time ${f(perOrder(single1) / perOrder(single2), 3)}`)
  })

  it(`webhooks: ${EVENTS} Steadfast status events stored (${CONCURRENCY} in flight), 1 shop vs ${SHOPS}, against GET /api/health; then processed`, async () => {
    const [main] = shops
    // Every other shop gets booked shipments of its own (untimed); the main one has the booking test's.
    for (const shop of shops.slice(1)) await bookBulk(payload, fake, shop, await confirmedOrders(payload, shop, SHOP_SHIPMENTS))
    if (main.consignments.length === 0) await bookBulk(payload, fake, main, await confirmedOrders(payload, main, SHOP_SHIPMENTS))
    const owner = ownerPool()
    const count = async () => Number((await owner.query('select count(*)::int as n from courier_events')).rows[0].n)
    const states = async () => Object.fromEntries((await owner.query('select state, count(*)::int as n from courier_events group by 1')).rows.map((r) => [r.state, r.n]))

    // Each event is new: its own updated_at and message (Steadfast's dedupe key), in send order.
    const base = Date.now() - 2 * 86_400_000
    let seq = 0
    const webhooks = async (name: string, targets: BenchShop[], n: number): Promise<Result> => {
      const before = await count()
      const result = await inFlight(name, n, CONCURRENCY, async (i) => {
        const shop = targets[i % targets.length]
        const cid = shop.consignments[Math.floor(i / targets.length) % shop.consignments.length]
        const at = seq++
        // The fake sends to one target; set just before the send, which reads it synchronously.
        fake.setWebhook(shop.hook.url, shop.hook.secret, { retries: 0 })
        const delivery = await fake.advance(cid, at % 2 === 0 ? 'pending' : 'hold', { updated_at: dhakaTime(new Date(base + at * 1000)), tracking_message: `bench ${at}` })
        const reply = delivery.attempts.at(-1)?.body ?? ''
        if (delivery.status !== 200 || (JSON.parse(reply) as { stored?: number }).stored !== 1) throw new Error(`${name}: webhook ${i} answered ${delivery.status} ${reply}`)
      })
      expect((await count()) - before, `${name}: every event stored once`).toBe(n)
      return result
    }
    const health = (name: string, n: number) =>
      inFlight(name, n, CONCURRENCY, async () => {
        const response = await fetch(`${server.origin}/api/health`)
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`health answered ${response.status}`)
      })
    const jobs = { one: new Map<string, number>(), many: new Map<string, number>() }
    const processing = async (name: string, n: number, tally: Map<string, number>): Promise<Result> => {
      const before = (await states()).done ?? 0
      const { value: ran, seconds } = await timed(() => drainQueue(payload, 30 * 60_000))
      expect(await states(), `${name}: every event applied`).toEqual({ done: before + n })
      for (const job of ran) tally.set(job.task ?? '?', (tally.get(job.task ?? '?') ?? 0) + 1)
      return { name, units: n, seconds, latencies: [seconds * 1000] }
    }

    // Warm-up (JIT, pools, the accounts' lookups), then its events applied, untimed.
    await health('warm-up', WARM_UP)
    await webhooks('warm-up', [main], WARM_UP)
    await webhooks('warm-up', shops, WARM_UP)
    await drainQueue(payload, 30 * 60_000)

    // Rounds, the workloads' order rotating from round to round, so drift (a busy neighbour, GC) hits all alike.
    // Each webhook workload's events are applied (timed) before the next workload starts.
    const per = Math.ceil(EVENTS / ROUNDS)
    const got = { health: [] as Result[], one: [] as Result[], many: [] as Result[], processOne: [] as Result[], processMany: [] as Result[] }
    const steps = [
      async () => got.health.push(await health('GET /api/health', per)),
      async () => {
        got.one.push(await webhooks('webhooks, 1 shop', [main], per))
        got.processOne.push(await processing('process, 1 shop', per, jobs.one))
      },
      async () => {
        got.many.push(await webhooks(`webhooks, ${SHOPS} shops`, shops, per))
        got.processMany.push(await processing(`process, ${SHOPS} shops`, per, jobs.many))
      },
    ]
    for (let r = 0; r < ROUNDS; r++) for (let j = 0; j < steps.length; j++) await steps[(r + j) % steps.length]()
    const [healthAll, one, many] = [merge('GET /api/health', got.health), merge('webhooks, 1 shop', got.one), merge(`webhooks, ${SHOPS} shops`, got.many)]
    const [processOne, processMany] = [merge('process, 1 shop', got.processOne), merge(`process, ${SHOPS} shops`, got.processMany)]
    const tally = (m: Map<string, number>) => [...m].map(([task, k]) => `${k} ${task}`).join(', ')

    log()
    log(`Steadfast webhooks over loopback HTTP to the app's route modules (${CONCURRENCY} in flight, sent by the fake's sender), ${ROUNDS} rounds × ${per} per workload`)
    log(header())
    for (const r of [healthAll, one, many]) log(row(r, r.name.startsWith('GET') ? 'req/s' : 'events/s'))
    log(`ratio webhook events stored/s ÷ health req/s (same server, same rounds): 1 shop ${ratio(got.one, got.health)}, ${SHOPS} shops ${ratio(got.many, got.health)}`)
    log(`ratio events stored/s, ${SHOPS} shops ÷ 1 shop: ${ratio(got.many, got.one)}`)
    log()
    log('courierProcessEvents: the stored events applied to their shipments (queue drained in this process after each workload, jobs in parallel)')
    log(
      `${processOne.name.padEnd(24)}${`${f(rate(processOne), 0)} events/s`.padStart(16)}   ${f(processOne.seconds, 2)} s, jobs run: ${tally(jobs.one)} (${f((jobs.one.get('courierProcessEvents') ?? 0) / ROUNDS, 1)} per round, for 1 shop)`,
    )
    log(
      `${processMany.name.padEnd(24)}${`${f(rate(processMany), 0)} events/s`.padStart(16)}   ${f(processMany.seconds, 2)} s, jobs run: ${tally(jobs.many)} (${f((jobs.many.get('courierProcessEvents') ?? 0) / ROUNDS, 1)} per round, for ${SHOPS} shops)`,
    )
    log(`ratio processed events/s, ${SHOPS} shops ÷ 1 shop: ${ratio(got.processMany, got.processOne)}`)
    log(`ratio processed ÷ stored events/s: 1 shop ${ratio(got.processOne, got.one)}, ${SHOPS} shops ${ratio(got.processMany, got.many)}`)
  })
})
