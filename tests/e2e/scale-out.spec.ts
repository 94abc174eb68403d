import { expect, test } from '@playwright/test'
import { Redis } from 'ioredis'
import pg from 'pg'

import { demoRecords } from '../../src/seed/demo-extras'
import { DEMO_TENANTS, demoPasswords, staffEmail, SUPER_ADMIN_EMAIL } from '../../src/seed/demo-data'
import { embeddedDatabase, logged, startCluster, type App, type Cluster } from '../cluster/cluster'
import { freePort } from '../cluster/processes'
import { deliverWithRetries, metaJson, randomWamid, startFakeGraph, waMessage, type FakeGraph } from '../fakes/meta'

/**
 * Two production instances (`npm start` of this build) on the e2e run's PostgreSQL and one
 * Redis, behind haproxy (tests/cluster): what a scaled-out deployment relies on, tried on
 * loopback. No browser: every request is HTTP, as a load balancer's clients make them.
 */
test.describe.configure({ mode: 'serial' })

const META_SECRET = process.env.EMERKATER_E2E_META_SECRET!
const acmeIndex = DEMO_TENANTS.findIndex((tenant) => tenant.slug === 'acme-gadgets')
const { number } = demoRecords(acmeIndex + 1, DEMO_TENANTS[acmeIndex].name)
const LOGIN_LIMIT = 8

let cluster: Cluster
let graph: FakeGraph
let db: pg.Client

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

async function logIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/users/login`, json({ email, password }))
  expect(res.status, await res.clone().text()).toBe(200)
  return ((await res.json()) as { token: string }).token
}

const as = (token: string) => ({ authorization: `JWT ${token}` })

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

test.beforeAll(async () => {
  test.setTimeout(300_000)
  const database = embeddedDatabase(process.env.EMERKATER_E2E_PG_DIR!, Number(process.env.EMERKATER_E2E_PG_PORT))
  graph = await startFakeGraph({ port: await freePort() })
  graph.addNumber({ phoneNumberId: number.phoneNumberId, wabaId: number.wabaId, token: number.accessToken, displayPhoneNumber: number.displayPhoneNumber, verifiedName: 'Acme Gadgets' })
  cluster = await startCluster({
    database,
    env: {
      PAYLOAD_SECRET: process.env.EMERKATER_E2E_SECRET!,
      SECRETS_KEYS: process.env.EMERKATER_E2E_SECRETS_KEYS!,
      MEDIA_DIR: process.env.EMERKATER_E2E_MEDIA_DIR!,
      META_APP_SECRET: META_SECRET,
      META_VERIFY_TOKEN: 'e2e-verify-token',
      META_GRAPH_URL: graph.url,
      RATE_LIMIT_LOGIN_IP: `${LOGIN_LIMIT}/600`,
      RATE_LIMIT_LOGIN_EMAIL: '1000/600',
      // The clock, fast: both instances fire the audit retention every 2 s and poll jobs every second.
      AUDIT_PURGE_CRON: '*/2 * * * * *',
      JOBS_RUN_CRON: '* * * * * *',
      // A job left `processing` by a killed instance is queued again after 5 s (default 10 min).
      JOBS_STALE_AFTER_SECONDS: '5',
      LOG_LEVEL: 'debug',
    },
  })
  db = new pg.Client({ connectionString: database.migrateUrl })
  await db.connect()
})

// A failed test shows what the instances logged at error level (their output is not printed).
test.afterEach(() => {
  const info = test.info()
  if (info.status === info.expectedStatus) return
  for (const app of cluster?.apps ?? []) {
    for (const entry of logged<{ level: number }>(app, 'level')
      .filter((e) => e.level >= 50)
      .slice(-5))
      console.error(`[${app.name}] ${JSON.stringify(entry)}`)
  }
})

test.afterAll(async () => {
  await db?.end()
  await cluster?.stop()
  await graph?.close()
})

test('a rate limit is one limit across both instances, kept in Redis', async () => {
  const ip = `203.0.113.${Math.floor(Math.random() * 200) + 20}`
  const answers: { status: number; instance: null | string }[] = []
  for (let i = 0; i < LOGIN_LIMIT + 4; i++) {
    const res = await fetch(`${cluster.url}/api/users/login`, {
      ...json({ email: `nobody-${i}@example.test`, password: 'wrong-password' }),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    })
    answers.push({ status: res.status, instance: res.headers.get('x-instance') })
  }
  expect(new Set(answers.map((a) => a.instance))).toEqual(new Set(['app1', 'app2']))
  expect(answers.slice(0, LOGIN_LIMIT).map((a) => a.status)).toEqual(Array(LOGIN_LIMIT).fill(401))
  expect(answers.slice(LOGIN_LIMIT).map((a) => a.status)).toEqual([429, 429, 429, 429])
  const redis = new Redis(cluster.redisUrl)
  try {
    expect(Number(await redis.get(`emerkater:rl:login-ip:${ip}`))).toBeGreaterThan(LOGIN_LIMIT)
  } finally {
    redis.disconnect()
  }
})

test('a shop suspended on one instance is refused on the other within a second', async () => {
  const [one, two] = cluster.apps
  const superAdmin = await logIn(one.url, SUPER_ADMIN_EMAIL, demoPasswords().superAdmin)
  const staff = await logIn(two.url, staffEmail('tenant-admin', 'dhaka-threads'), demoPasswords().staff)
  const found = await (await fetch(`${one.url}/api/tenants?where[slug][equals]=dhaka-threads&depth=0`, { headers: as(superAdmin) })).json()
  const tenantId = (found as { docs: { id: string }[] }).docs[0].id
  const orders = () => fetch(`${two.url}/api/orders?limit=1&depth=0`, { headers: as(staff) })
  // Instance 2 has the shop in its cache (5 s) from these reads.
  expect((await orders()).status).toBe(200)
  expect((await orders()).status).toBe(200)
  const patch = (body: object) => fetch(`${one.url}/api/tenants/${tenantId}`, { method: 'PATCH', headers: { ...as(superAdmin), 'content-type': 'application/json' }, body: JSON.stringify(body) })
  try {
    const suspended = await patch({ status: 'suspended', suspendedReason: 'Scale-out test' })
    expect(suspended.status, await suspended.clone().text()).toBe(200)
    const at = Date.now()
    const refused = await until(
      'orders on instance 2',
      async () => (await orders()).status,
      (status) => status === 403,
      5_000,
    )
    expect(refused).toBe(403)
    expect(Date.now() - at).toBeLessThan(1_000)
    expect(await (await orders()).json()).toMatchObject({ error: 'tenant_inactive', status: 'suspended' })
  } finally {
    expect((await patch({ status: 'active' })).status).toBe(200)
  }
  await until(
    'orders on instance 2 again',
    async () => (await orders()).status,
    (status) => status === 200,
    5_000,
  )
})

/** `schedule … queued job N` and `… claimed by another instance` lines, and the runner's `claimedJobs`. */
function clockOf(apps: App[]) {
  const fired = apps.flatMap((app) => logged<{ schedule: string; slot: string; job?: string }>(app, 'schedule').map((entry) => ({ ...entry, app: app.name })))
  const claimed = apps.flatMap((app) => logged<{ claimedJobs: string[] }>(app, 'claimedJobs').flatMap((entry) => entry.claimedJobs.map((job) => ({ job, app: app.name }))))
  return { fired: fired.filter((f) => f.schedule === 'auditPurge'), claimed }
}

test('a schedule slot is queued once, and each job runs on one instance only', async () => {
  // Let both clocks tick for a while (every 2 s), then look at slots old enough to have settled.
  await new Promise((resolve) => setTimeout(resolve, 12_000))
  const settled = new Date(Date.now() - 4_000).toISOString()
  const { fired, claimed } = clockOf(cluster.apps)
  const settledSlots = [...new Set(fired.map((f) => f.slot))].filter((slot) => slot < settled)
  // Every slot queued one job, whichever instances fired it.
  for (const slot of settledSlots) expect(fired.filter((f) => f.slot === slot && f.job).length, slot).toBe(1)
  // From the first slot both clocks were running (the second instance starts later), both fired each.
  const bothFrom = ['app1', 'app2']
    .map(
      (app) =>
        fired
          .filter((f) => f.app === app)
          .map((f) => f.slot)
          .sort()[0] ?? '~',
    )
    .sort()[1]
  const slots = settledSlots.filter((slot) => slot >= bothFrom)
  expect(slots.length).toBeGreaterThanOrEqual(3)
  for (const slot of slots) expect(new Set(fired.filter((f) => f.slot === slot).map((e) => e.app)), slot).toEqual(new Set(['app1', 'app2']))
  const jobs = fired.filter((f) => f.job && settledSlots.includes(f.slot)).map((f) => f.job!)
  for (const job of jobs) expect(claimed.filter((c) => c.job === job).length, `job ${job}`).toBe(1)
  // Across all jobs ever claimed in this run: none twice.
  expect(new Set(claimed.map((c) => c.job)).size).toBe(claimed.length)
  test
    .info()
    .annotations.push({ type: 'clock', description: `${slots.length} slots; jobs run by app1: ${claimed.filter((c) => c.app === 'app1').length}, app2: ${claimed.filter((c) => c.app === 'app2').length}` })
})

async function acmeNumberReceives(): Promise<void> {
  const admin = await logIn(cluster.url, staffEmail('tenant-admin', 'acme-gadgets'), demoPasswords().staff)
  const found = (await (await fetch(`${cluster.url}/api/numbers?depth=0&where[phoneNumberId][equals]=${number.phoneNumberId}`, { headers: as(admin) })).json()) as { docs: { id: string }[] }
  const proven = await fetch(`${cluster.url}/api/numbers/${found.docs[0].id}/test-connection`, { method: 'POST', headers: as(admin) })
  expect(await proven.json()).toMatchObject({ ok: true, verified: true })
}

/** Deliveries of `count` messages, each delivered twice (Meta sends duplicates), `concurrency` at a time. */
async function burst(count: number, { concurrency = 8, during }: { concurrency?: number; during?: (sent: number) => Promise<void> | void } = {}) {
  const wamids = Array.from({ length: count }, () => randomWamid())
  const from = `88019${String(Date.now()).slice(-8)}`
  const raws = wamids.flatMap((id, i) => {
    const raw = metaJson(waMessage({ wabaId: number.wabaId, phoneNumberId: number.phoneNumberId, from, name: 'Burst Customer', text: `burst message ${i}`, id }))
    return [raw, raw]
  })
  const results: Awaited<ReturnType<typeof deliverWithRetries>>[] = []
  let next = 0
  let sent = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < raws.length) {
        const raw = raws[next++]
        results.push(await deliverWithRetries(`${cluster.url}/api/meta/webhook`, raw, META_SECRET))
        sent++
        await during?.(sent)
      }
    }),
  )
  return { wamids, results }
}

async function storedOnce(wamids: string[]) {
  const events = await db.query<{ n: number }>(`select count(*)::int as n from meta_events where event_key = any($1::text[]) group by event_key`, [wamids.map((id) => `wa:msg:${id}`)])
  const messages = () => db.query<{ meta_id: string; n: number }>(`select meta_id, count(*)::int as n from messages where meta_id = any($1::text[]) group by meta_id`, [wamids])
  const done = await until(
    'inbound messages stored',
    async () => (await messages()).rows,
    (rows) => rows.length === wamids.length,
    60_000,
  )
  return { events: events.rows, messages: done }
}

test('a webhook burst split across both instances is stored once per event', async () => {
  await acmeNumberReceives()
  const { wamids, results } = await burst(30)
  expect(results.every((r) => r.status === 200)).toBe(true)
  expect(new Set(results.map((r) => r.servedBy))).toEqual(new Set(['app1', 'app2']))
  const stored = results.reduce((sum, r) => sum + ((JSON.parse(r.body) as { stored: number }).stored ?? 0), 0)
  expect(stored).toBe(wamids.length)
  const { events, messages } = await storedOnce(wamids)
  expect(events.length).toBe(wamids.length)
  expect(events.every((e) => e.n === 1)).toBe(true)
  expect(messages.every((m) => m.n === 1)).toBe(true)
})

test('killing an instance in the middle of a burst loses nothing', async () => {
  const [, two] = cluster.apps
  let killed = false
  const { wamids, results } = await burst(40, {
    during: async (sent) => {
      if (sent === 24 && !killed) {
        killed = true
        await two.proc.kill()
      }
    },
  })
  expect(killed).toBe(true)
  expect(results.filter((r) => r.status !== 200)).toEqual([])
  test.info().annotations.push({ type: 'retries', description: `${results.filter((r) => r.tries > 1).length} deliveries needed a retry` })
  const { messages } = await storedOnce(wamids)
  expect(messages.every((m) => m.n === 1)).toBe(true)
  const events = await db.query<{ status: string; n: number }>(`select status, count(*)::int as n from meta_events where event_key = any($1::text[]) group by status`, [wamids.map((id) => `wa:msg:${id}`)])
  expect(events.rows).toEqual([{ status: 'done', n: wamids.length }])
})
