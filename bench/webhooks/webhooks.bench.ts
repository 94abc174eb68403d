import config from '@payload-config'
import { REST_POST } from '@payloadcms/next/routes'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import type { Payload } from 'payload'
import { expect, it } from 'vitest'

import { withTenantScope } from '../../src/tenancy/request-context'
import { batch, metaJson, startFakeGraph, waMessage } from '../../tests/fakes/meta'
import { asSystem, createTenant } from '../../tests/int/helpers/factories'
import { drainQueue } from '../../tests/int/helpers/jobs-queue'
import { freshPayload, ownerPool } from '../../tests/int/helpers/payload'
import { percentile } from '../rls/seed'

/**
 * The Meta webhook end to end (plugins/meta/webhook): signed WhatsApp deliveries POSTed over
 * loopback HTTP — from a load generator in its own thread (load-client.mjs) — to the app's real
 * route handler (as Next mounts it), each verified (HMAC over the
 * raw body), routed to the tenant owning its phone number id, and stored — the 200 comes once
 * the events are committed. Prints events per second and latency percentiles to the 200 for:
 *   one shop · many shops (routing over BENCH_WEBHOOK_SHOPS numbers) · batched deliveries,
 * their ratios, and then how fast the jobs turn the stored events into conversations and
 * messages. Target (issue #7): ≥ 1000 events/s with p99 < 200 ms. Timings are printed, not asserted.
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const DELIVERIES = env('BENCH_WEBHOOK_DELIVERIES', 4000)
const CONCURRENCY = env('BENCH_WEBHOOK_CONCURRENCY', 32)
const SHOPS = env('BENCH_WEBHOOK_SHOPS', 200)
const BATCH = env('BENCH_WEBHOOK_BATCH', 10)
const WARM_UP = 500
const SECRET = process.env.META_APP_SECRET ?? 'test-app-secret'

const log = (line = '') => console.log(line)
type Number = { phoneNumberId: string; wabaId: string }
type Result = { name: string; events: number; seconds: number; latencies: number[] }

/** The app's POST route handler behind a plain node:http server, like `next start` serves it. */
async function serve(): Promise<{ url: string; server: Server }> {
  const post = withTenantScope(REST_POST(config))
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const slug = (req.url ?? '/')
        .split('?')[0]
        .replace(/^\/api\//, '')
        .split('/')
        .filter(Boolean)
      const request = new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) })
      const response = await post(request, { params: Promise.resolve({ slug }) })
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(Buffer.from(await response.arrayBuffer()))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/meta/webhook`, server }
}

/** POST every body from the load-client thread with `CONCURRENCY` requests in flight; latency is send → 200. */
async function fire(name: string, url: string, bodies: string[], eventsEach: number): Promise<Result> {
  const worker = new Worker(new URL('./load-client.mjs', import.meta.url), { workerData: { url, bodies, concurrency: CONCURRENCY, secret: SECRET } })
  const { latencies, seconds, failed } = await new Promise<{ latencies: number[]; seconds: number; failed: null | string }>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  await worker.terminate()
  if (failed) throw new Error(`${name}: ${failed}`)
  return { name, events: bodies.length * eventsEach, seconds, latencies }
}

const deliveries = (numbers: Number[], count: number, perDelivery: number, tag: string) =>
  Array.from({ length: count }, (_, i) =>
    metaJson(
      batch(
        ...Array.from({ length: perDelivery }, (_, j) => {
          const n = numbers[(i * perDelivery + j) % numbers.length]
          return waMessage({ wabaId: n.wabaId, phoneNumberId: n.phoneNumberId, from: `880170${String((i * perDelivery + j) % 5000).padStart(7, '0')}`, text: `${tag} ${i}.${j} আমি অর্ডার করতে চাই` })
        }),
      ),
    ),
  )

it(`webhook: signed WhatsApp events verified, routed and stored (${DELIVERIES} deliveries, ${CONCURRENCY} in flight)`, async () => {
  const payload: Payload = await freshPayload()
  const graph = await startFakeGraph()
  process.env.META_GRAPH_URL = graph.url
  const numbers: Number[] = []
  for (let i = 0; i < SHOPS; i++) {
    const tenant = await createTenant(payload)
    const n = { phoneNumberId: `90${String(i).padStart(8, '0')}`, wabaId: `91${String(i).padStart(8, '0')}` }
    // Known to the fake Graph, so the plugin proves it on create (an unverified number receives nothing).
    graph.addNumber({ ...n, token: `EAAB-bench-${i}` })
    const number = await asSystem(() =>
      payload.create({ collection: 'numbers', data: { tenant: tenant.id, ...n, displayPhoneNumber: '+8801800000000', accessToken: `EAAB-bench-${i}`, status: 'unverified' }, overrideAccess: true }),
    )
    if (!number.verifiedAt) throw new Error(`bench number ${n.phoneNumberId} was not verified: ${number.connection?.message}`)
    numbers.push(n)
  }
  const { url, server } = await serve()
  // Warm-up (JIT, connection pool), on every shop and on the one the first workload uses.
  await fire('warm-up', url, deliveries(numbers, WARM_UP, 1, 'warm'), 1)
  await fire('warm-up', url, deliveries(numbers.slice(0, 1), WARM_UP, 1, 'warm-one'), 1)

  const results = [
    await fire('one shop, 1 event per delivery', url, deliveries(numbers.slice(0, 1), DELIVERIES, 1, 'one'), 1),
    await fire(`${SHOPS} shops, 1 event per delivery`, url, deliveries(numbers, DELIVERIES, 1, 'many'), 1),
    await fire(`${SHOPS} shops, ${BATCH} events per delivery`, url, deliveries(numbers, Math.ceil(DELIVERIES / BATCH), BATCH, 'batch'), BATCH),
  ]
  server.close()

  const owner = ownerPool()
  const stored = Number((await owner.query(`select count(*)::int as n from meta_events where status = 'pending'`)).rows[0].n)
  const expected = 2 * WARM_UP + results.reduce((sum, r) => sum + r.events, 0)
  expect(stored, 'every event was stored exactly once').toBe(expected)

  log()
  log(`Meta webhook, end to end over loopback HTTP (${CONCURRENCY} requests in flight, ${SHOPS} shops with a number each)`)
  log('workload'.padEnd(40) + 'events/s'.padStart(10) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + 'max ms'.padStart(9))
  for (const r of results) {
    const sorted = [...r.latencies].sort((x, y) => x - y)
    log(
      r.name.padEnd(40) + (r.events / r.seconds).toFixed(0).padStart(10) + percentile(sorted, 50).toFixed(1).padStart(9) + percentile(sorted, 99).toFixed(1).padStart(9) + sorted.at(-1)!.toFixed(1).padStart(9),
    )
  }
  const rate = (r: Result) => r.events / r.seconds
  log(`ratio events/s, ${SHOPS} shops ÷ one shop: ${(rate(results[1]) / rate(results[0])).toFixed(2)}`)
  log(`ratio events/s, batched ÷ single: ${(rate(results[2]) / rate(results[1])).toFixed(2)}`)
  const single = [...results[1].latencies].sort((x, y) => x - y)
  log(`target ≥ 1000 events/s with p99 < 200 ms (single-event deliveries, ${SHOPS} shops): ${rate(results[1]) >= 1000 && percentile(single, 99) < 200 ? 'met' : 'NOT met'}`)

  // The jobs' side: stored events → conversations and messages (in this one process).
  const t0 = performance.now()
  await drainQueue(payload, 30 * 60_000)
  const seconds = (performance.now() - t0) / 1000
  const messages = Number((await owner.query('select count(*)::int as n from messages')).rows[0].n)
  log(`processing: ${messages} inbound messages into conversations in ${seconds.toFixed(1)} s = ${(messages / seconds).toFixed(0)} events/s (one process, jobs in parallel)`)
  const left = (await owner.query("select status, error, count(*)::int as n from meta_events where status <> 'done' group by 1, 2")).rows
  if (left.length > 0) log(`events not done: ${JSON.stringify(left)}`)
  expect(messages).toBe(expected)
  await owner.end()
  await graph.close()
})
