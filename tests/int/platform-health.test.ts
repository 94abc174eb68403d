import type { Payload } from 'payload'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Tenant } from '../../payload-types'
import { runCanary } from '../../src/platform-health/canary'
import { countRefusal, flushRefusals, refusalCounts } from '../../src/ratelimit/count-refusal'
import { reportLines, runSelfcheck } from '../../src/platform-health/selfcheck/run'
import { api, graphql, login, route, testClientIp } from './helpers/api'
import { asSystem, createProduct, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'
import { closeRedis } from '../../src/cache/redis'
import { startRedis } from '../cluster/redis-server'

describe('platform health (issue 21)', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  const tokens: Record<'admin' | 'root' | 'stranger', string> = { admin: '', root: '', stranger: '' }
  /** Statements that undo what a test broke as the owner, run after it whatever happened. */
  const restore: string[] = []

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload)
    shopB = await createTenant(payload)
    await createProduct(payload, shopA)
    const admin = await createStaff(payload, shopA, 'tenant-admin')
    const root = await createSuperAdmin(payload)
    tokens.admin = await login(admin.email, PASSWORD)
    tokens.root = await login(root.email, PASSWORD)
    const signup = await api('POST', '/tenants/signup', { body: { shopName: 'Stranger', slug: 'ph-stranger', name: 'S', email: 'ph-stranger@example.test', password: PASSWORD, demoData: false } })
    expect(signup.status).toBe(202)
    tokens.stranger = await login('ph-stranger@example.test', PASSWORD)
  })

  afterEach(async () => {
    for (const statement of restore.splice(0)) await ownerPool().query(statement)
  })

  describe('only the super-admin', () => {
    it('gets GET /api/platform-health; anyone else a coded 401/403 (tenant-admin, fresh signup, nobody)', async () => {
      const root = await api('GET', '/platform-health', { token: tokens.root })
      expect(root.status).toBe(200)
      expect(root.body).toMatchObject({ status: expect.any(String), backstop: { status: 'ok', failing: [] }, jobs: expect.any(Array), webhooks: expect.any(Array), rateLimitRefusals: expect.any(Array) })
      for (const token of [tokens.admin, tokens.stranger]) {
        const res = await api('GET', '/platform-health', { token })
        expect(res.status).toBe(403)
        expect(res.body).toMatchObject({ error: 'forbidden', errors: [] })
      }
      expect((await api('GET', '/platform-health')).body).toMatchObject({ error: 'unauthorized' })
    })

    it('gets `query { PlatformHealth }` over GraphQL; anyone else a coded error and no data', async () => {
      const root = await graphql('{ PlatformHealth }', { token: tokens.root })
      expect(root.body.data?.PlatformHealth).toMatchObject({ backstop: { status: 'ok' } })
      for (const [token, code] of [
        [tokens.admin, 'forbidden'],
        [tokens.stranger, 'forbidden'],
        [undefined, 'unauthorized'],
      ] as const) {
        const res = await graphql('{ PlatformHealth }', { token })
        expect(res.body.data?.PlatformHealth ?? null).toBeNull()
        expect(res.body.errors?.[0]?.extensions).toMatchObject({ code })
      }
    })
  })

  describe('database backstop, from the catalog', () => {
    const backstop = async () => (await api('GET', '/platform-health', { token: tokens.root })).body.backstop

    it('is ok: roles exist, the request role is held, every table enabled, forced, with its policy', async () => {
      const status = await backstop()
      expect(status).toMatchObject({ status: 'ok', requestRole: [], failing: [], roles: { request: 'emerkater_app', platform: 'emerkater_platform', missing: [] } })
      expect(status.tables).toBeGreaterThan(50)
    })

    it('names a table whose row-level security is not forced, or is off, and why', async () => {
      restore.push('alter table customers force row level security', 'alter table orders_items enable row level security')
      await ownerPool().query('alter table customers no force row level security')
      await ownerPool().query('alter table orders_items disable row level security')
      const status = await backstop()
      expect(status.status).toBe('failing')
      expect(status.failing).toEqual([
        { table: 'customers', problems: ['row-level security not forced (the owner would see every row)'] },
        { table: 'orders_items', problems: ['row-level security not enabled'] },
      ])
    })
  })

  describe('isolation canary', () => {
    it('creates the canary once, hidden from every tenant list, and finds no leak', async () => {
      const first = await runCanary(payload)
      expect(first).toMatchObject({ status: 'ok', summary: { leaks: [], tenantsChecked: 3 } })
      const again = await runCanary(payload)
      expect(again.summary.canary).toBe(first.summary.canary)
      const rows = await ownerPool().query('select (select count(*) from tenants where slug = $1)::int as tenants, (select count(*) from products where tenant_id = $2)::int as products', [
        'platform-canary',
        first.summary.canary,
      ])
      expect(rows.rows[0]).toEqual({ tenants: 1, products: 1 })
      const list = await api('GET', '/tenants?limit=100&depth=0', { token: tokens.root })
      expect(list.body.docs.map((t: Tenant) => t.slug)).not.toContain('platform-canary')
      expect((await api('GET', '/tenants/slug-available?slug=platform-canary')).body).toMatchObject({ available: false })
      const health = await api('GET', '/platform-health', { token: tokens.root })
      expect(health.body.canary).toMatchObject({ status: 'ok', summary: { tenantsChecked: 3, leaks: [] } })
      // The platform view counts shops: the canary is not one, neither as suspended nor as a signup.
      const shops = (await ownerPool().query(`select count(*)::int as n from tenants where deleted_at is null and slug <> 'platform-canary'`)).rows[0].n
      const platform = await api('GET', '/dashboards/platform?period=7d', { token: tokens.root })
      expect(platform.status, JSON.stringify(platform.body)).toBe(200)
      expect(platform.body.tenants.reduce((sum: number, t: { tenants: number }) => sum + t.tenants, 0)).toBe(shops)
      const signups = platform.body.weeks.at(-1).signups
      const created = (
        await ownerPool().query(`select count(*)::int as n from tenants where slug <> 'platform-canary' and date_trunc('week', created_at at time zone 'UTC') = date_trunc('week', now() at time zone 'UTC')`)
      ).rows[0].n
      expect(signups).toBe(created)
    })

    it('reports a table whose row-level security is switched off, for every tenant context, loudly', async () => {
      restore.push('alter table products enable row level security')
      await ownerPool().query('alter table products disable row level security')
      const errors: string[] = []
      const original = payload.logger.error.bind(payload.logger)
      payload.logger.error = (obj: unknown, msg?: string) => (errors.push(String(msg ?? obj)), original(obj as never, msg as never))
      try {
        const run = await runCanary(payload)
        expect(run.status).toBe('failing')
        expect(new Set(run.summary.leaks.map((l) => l.table))).toEqual(new Set(['products']))
        expect(run.summary.leaks).toHaveLength(run.summary.tenantsChecked)
      } finally {
        payload.logger.error = original
      }
      expect(errors.join('\n')).toMatch(/ISOLATION CANARY LEAK: .* in products/)
      const health = await api('GET', '/platform-health', { token: tokens.root })
      expect(health.body).toMatchObject({ status: 'failing', canary: { status: 'failing' } })
    })

    it('reports a policy that lets every row through, and the registry row of the canary', async () => {
      restore.push('drop policy if exists leak on customers', 'drop policy if exists leak on tenants')
      await ownerPool().query('create policy leak on customers using (true)')
      await ownerPool().query('create policy leak on tenants using (true)')
      const run = await runCanary(payload)
      expect(new Set(run.summary.leaks.map((l) => l.table))).toEqual(new Set(['customers', 'tenants']))
    })

    it('passes again once restored', async () => {
      expect((await runCanary(payload)).status).toBe('ok')
    })
  })

  describe('queues, webhooks and refusals', () => {
    it('counts jobs per task, Meta webhook lag per provider and rate-limit refusals per tenant', async () => {
      await asSystem(() => payload.jobs.queue({ task: 'platformCanary', input: {} }))
      await ownerPool().query(
        `insert into meta_events (tenant_id, kind, external_id, status, event_key, payload, created_at, processed_at)
         values ($1, 'wa-message', 'n1', 'done', 'k1', '{}', now() - interval '30 seconds', now()),
                ($1, 'fb-message', 'p1', 'pending', 'k2', '{}', now() - interval '2 minutes', null)`,
        [shopA.id],
      )
      countRefusal('api-tenant', shopB.id)
      countRefusal('api-tenant', shopB.id)
      countRefusal('signup', null)
      const { body } = await api('GET', '/platform-health', { token: tokens.root })
      expect(body.jobs).toContainEqual(expect.objectContaining({ task: 'platformCanary', queued: 1, running: 0, failed: 0 }))
      const lag = Object.fromEntries(body.webhooks.map((w: { provider: string }) => [w.provider, w]))
      expect(lag.whatsapp).toMatchObject({ received24h: 1, processed24h: 1, pending: 0 })
      expect(lag.whatsapp.avgLagSeconds).toBeGreaterThanOrEqual(29)
      expect(lag.facebook).toMatchObject({ received24h: 1, pending: 1, avgLagSeconds: null })
      expect(lag.facebook.oldestPendingSeconds).toBeGreaterThanOrEqual(119)
      expect(body.rateLimitRefusals).toEqual(
        expect.arrayContaining([
          { tenant: shopB.id, slug: shopB.slug, policy: 'api-tenant', refusals: 2 },
          { tenant: null, slug: null, policy: 'signup', refusals: 1 },
        ]),
      )
    })

    it('keeps refusals across flushes (several instances add up in one table)', async () => {
      const before = (await refusalCounts()).find((r) => r.policy === 'api-key' && r.tenant === shopA.id)?.refusals ?? 0
      countRefusal('api-key', shopA.id)
      await flushRefusals()
      countRefusal('api-key', shopA.id)
      expect((await refusalCounts()).find((r) => r.policy === 'api-key' && r.tenant === shopA.id)?.refusals).toBe(before + 2)
    })
  })

  describe('rate-limit refusals, counted where they are refused', () => {
    it('counts every refusal of a real limit, not only the audited first one', async () => {
      const before = process.env.RATE_LIMIT_SLUG_AVAILABLE
      process.env.RATE_LIMIT_SLUG_AVAILABLE = '1/60'
      try {
        const statuses = []
        for (let i = 0; i < 4; i++) statuses.push((await api('GET', '/tenants/slug-available?slug=counted')).status)
        expect(statuses).toEqual([200, 429, 429, 429])
      } finally {
        if (before === undefined) delete process.env.RATE_LIMIT_SLUG_AVAILABLE
        else process.env.RATE_LIMIT_SLUG_AVAILABLE = before
      }
      expect((await refusalCounts()).find((r) => r.policy === 'slug-available')).toEqual({ tenant: null, policy: 'slug-available', refusals: 3 })
    })

    it('adds them up in Redis when REDIS_URL is set', async () => {
      const redis = await startRedis()
      const before = process.env.REDIS_URL
      process.env.REDIS_URL = redis.url
      try {
        countRefusal('api-tenant', shopA.id)
        await flushRefusals()
        countRefusal('api-tenant', shopA.id)
        expect(await refusalCounts()).toEqual([{ tenant: shopA.id, policy: 'api-tenant', refusals: 2 }])
      } finally {
        await closeRedis()
        if (before === undefined) delete process.env.REDIS_URL
        else process.env.REDIS_URL = before
        await redis.stop()
      }
    })
  })

  describe('self-check', () => {
    /** The route modules, as a client of this test's own address (the per-IP limits count per test). */
    const app = (request: Request) => (request.headers.set('x-forwarded-for', testClientIp()), route(request))
    const report = (token: string | undefined, body: object) => api('POST', '/platform-health/selfcheck', { body, headers: token ? { authorization: `Bearer ${token}` } : {} })

    it('its report endpoint needs the platform secret; the page shows the last run', async () => {
      const previous = process.env.SELFCHECK_SECRET
      try {
        delete process.env.SELFCHECK_SECRET
        expect((await report('x', { findings: [] })).body).toMatchObject({ error: 'not_configured' })
        process.env.SELFCHECK_SECRET = 'platform-secret'
        expect((await report(undefined, { findings: [] })).status).toBe(401)
        expect((await report('wrong', { findings: [] })).body).toMatchObject({ error: 'unauthorized' })
        expect((await report('platform-secret', { findings: 'none' })).body).toMatchObject({ error: 'invalid_input' })
        const sent = await report('platform-secret', { target: 'http://x', checks: 9, findings: [{ check: 'bad-input', message: 'GET /x answered 500' }] })
        expect(sent.status).toBe(204)
      } finally {
        process.env.SELFCHECK_SECRET = previous
      }
      const { body } = await api('GET', '/platform-health', { token: tokens.root })
      expect(body.selfcheck).toMatchObject({ status: 'failing', summary: { target: 'http://x', checks: 9, findings: [{ check: 'bad-input', message: 'GET /x answered 500' }] } })
      expect(body.status).toBe('failing')
    })

    it('finds nothing against the app’s own route modules (two fresh shops, cross-tenant, takeover, bad input)', async () => {
      const run = await runSelfcheck(app, 'http://localhost')
      expect(run.findings).toEqual([])
      expect(run.checks).toBeGreaterThan(100)
    })

    it('reports a cross-tenant read, a 5xx and an error body of another shape, one line each', async () => {
      // The app with three bugs planted in front of it.
      const broken = async (request: Request): Promise<Response> => {
        const { pathname, search } = new URL(request.url)
        if (request.method === 'GET' && /^\/api\/products\/[0-9a-f-]{36}$/.test(pathname)) return Response.json({ id: pathname.split('/').pop(), name: 'x' })
        if (pathname === '/api/products/not-a-uuid') return new Response('boom', { status: 500 })
        if (pathname === '/api/products' && search.includes('nope')) return Response.json({ message: 'nope' }, { status: 400 })
        return app(request)
      }
      const run = await runSelfcheck(broken, 'http://localhost')
      const lines = reportLines(run)
      expect(lines).toEqual(
        expect.arrayContaining([
          "FINDING [cross-tenant] shop B read shop A's product by id over REST (200)",
          'FINDING [bad-input] GET /products/not-a-uuid answered 500: boom',
          'FINDING [bad-input] GET /products: error undefined is not a code of src/errors/codes.ts',
        ]),
      )
      expect(lines.at(-1)).toMatch(new RegExp(`^selfcheck http://localhost: \\d+ checks, ${run.findings.length} findings`))
    })
  })
})
