import type { Payload } from 'payload'
import pg from 'pg'
import { beforeAll, describe, expect, it, inject } from 'vitest'

import type { Tenant } from '../../payload-types'
import { api, login } from './helpers/api'
import { asRole } from './helpers/as-role'
import { ago, dayIn, fixtures, HOUR, order, ownerTx, writeWorld } from './helpers/dashboards-world'
import { createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/**
 * The shop's home figures (GET /api/dashboards/summary), the recompute endpoint and the
 * super-admin's platform view: read from the rollup only, one shop at a time, each role seeing
 * only its sections, and every way of reaching another shop's figures refused.
 */

describe('dashboards', () => {
  let payload: Payload
  let shop: Tenant
  let other: Tenant
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload, { timezone: 'Asia/Dhaka' })
    other = await createTenant(payload, { timezone: 'Asia/Dhaka' })
    for (const role of ['tenant-admin', 'sales-operator', 'support-agent', 'marketing-manager'] as const) tokens[role] = await login((await createStaff(payload, shop, role)).email, PASSWORD)
    tokens.otherAdmin = await login((await createStaff(payload, other, 'tenant-admin')).email, PASSWORD)
    tokens.root = await login((await createSuperAdmin(payload)).email, PASSWORD)
    const mine = await fixtures(shop.id)
    const theirs = await fixtures(other.id)
    // Today: 3 orders (one cancelled), yesterday: 1; a conversation answered after 90 seconds; a lead.
    await writeWorld(mine, {
      orders: [
        order(ago(60_000), 'facebook', 'confirmed', 10_000),
        order(ago(120_000), 'whatsapp', 'delivered', 30_000),
        order(ago(180_000), 'facebook', 'cancelled', 50_000),
        order(ago(25 * HOUR), 'manual', 'confirmed', 8_000),
      ],
      leads: [{ at: ago(60_000), source: 'lead-ad', status: 'converted' }],
      conversations: [
        {
          at: ago(10 * 60_000),
          channel: 'whatsapp',
          customer: null,
          messages: [
            { at: ago(10 * 60_000), direction: 'inbound' },
            { at: ago(10 * 60_000 - 90_000), direction: 'outbound' },
          ],
        },
      ],
      shipments: [],
    })
    // The other shop is busier: none of it may reach mine.
    await writeWorld(theirs, { orders: Array.from({ length: 7 }, () => order(ago(60_000), 'facebook', 'confirmed', 99_000)), leads: [], conversations: [], shipments: [] })
    const from = dayIn(Date.now() - 3 * 24 * HOUR, 'Asia/Dhaka')
    const to = dayIn(Date.now(), 'Asia/Dhaka')
    for (const [token, tenant] of [
      [tokens['tenant-admin'], shop],
      [tokens.otherAdmin, other],
    ] as const)
      expect((await api('POST', `/dashboards/recompute?tenant=${tenant.id}&from=${from}&to=${to}`, { token })).status).toBe(200)
  })

  const summary = (token: string | undefined, query = 'period=today') => api('GET', `/dashboards/summary?${query}`, { token })
  const tile = (body: { sections: Record<string, { tiles: { key: string }[] }> }, section: string, key: string) => body.sections[section].tiles.find((t) => t.key === key)

  it('the tenant-admin sees every section; sales against the previous period, tiles linking to the filtered list', async () => {
    const res = await summary(tokens['tenant-admin'], `period=today&tenant=${shop.id}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(Object.keys(res.body.sections)).toEqual(['sales', 'conversations', 'delivery', 'leads', 'products'])
    expect(res.body).toMatchObject({ currency: 'BDT', timezone: 'Asia/Dhaka', period: { name: 'today', days: 1 }, rolledUp: { days: 1, of: 1 } })
    expect(tile(res.body, 'sales', 'orders')).toMatchObject({ value: 3, previous: 1 })
    expect(tile(res.body, 'sales', 'revenue')).toMatchObject({ value: 40_000, previous: 8_000, format: 'money' })
    expect(tile(res.body, 'sales', 'averageOrder')).toMatchObject({ value: 20_000, previous: 8_000 })
    expect(tile(res.body, 'sales', 'cancelledShare')).toMatchObject({ value: 1 / 3, previous: 0 })
    expect(tile(res.body, 'sales', 'orders')).toMatchObject({ href: expect.stringMatching(/^\/admin\/collections\/orders\?where\[and\]\[0\]\[createdAt\]\[greater_than_equal\]=/) })
    expect(res.body.sections.sales.breakdowns[0]).toMatchObject({
      key: 'bySource',
      rows: [
        { dimension: 'facebook', value: 2, previous: 0 },
        { dimension: 'whatsapp', value: 1, previous: 0 },
        { dimension: 'manual', value: 0, previous: 1 },
      ],
    })
    expect(res.body.sections.sales.series[0].points).toEqual([{ day: res.body.period.from, value: 3 }])
    expect(tile(res.body, 'conversations', 'firstResponse')).toMatchObject({ value: 90, format: 'seconds' })
    expect(tile(res.body, 'conversations', 'medianResponse')).toMatchObject({ value: 90, previous: null, format: 'seconds' })
    expect(tile(res.body, 'leads', 'conversion')).toMatchObject({ value: 1 })
    expect(res.body.products.top[0]).toMatchObject({ name: 'P1', units: 4, revenue: 40_000 })
  })

  it('roles see only their sections: a support agent sees conversations and no revenue; a marketer leads and products', async () => {
    const agent = await summary(tokens['support-agent'])
    expect(agent.status).toBe(200)
    expect(Object.keys(agent.body.sections)).toEqual(['conversations'])
    expect(JSON.stringify(agent.body)).not.toMatch(/revenue|40000/i)
    expect(Object.keys((await summary(tokens['marketing-manager'])).body.sections)).toEqual(['leads', 'products'])
    expect(Object.keys((await summary(tokens['sales-operator'])).body.sections)).toEqual(['sales', 'conversations', 'delivery', 'products'])
  })

  it('another shop’s staff cannot read mine (?tenant= is refused), strangers and anonymous callers neither', async () => {
    const mine = await summary(tokens['tenant-admin'])
    expect((await summary(tokens.otherAdmin, `tenant=${shop.id}`)).status).toBe(403)
    expect((await summary(undefined, `tenant=${shop.id}`)).status).toBe(401)
    const theirs = await summary(tokens.otherAdmin)
    expect(tile(theirs.body, 'sales', 'orders')).toMatchObject({ value: 7 })
    expect(tile(mine.body, 'sales', 'orders')).toMatchObject({ value: 3 })
    expect((await api('POST', `/dashboards/recompute?tenant=${shop.id}&from=2026-01-01&to=2026-01-02`, { token: tokens.otherAdmin })).status).toBe(403)
  })

  it('the super-admin reads any shop, and the platform view sums every shop (aggregates only); staff may not', async () => {
    expect(tile((await summary(tokens.root, `tenant=${other.id}`)).body, 'sales', 'orders')).toMatchObject({ value: 7 })
    const platform = await api('GET', '/dashboards/platform?period=7d', { token: tokens.root })
    expect(platform.status, JSON.stringify(platform.body)).toBe(200)
    const orders = platform.body.totals.filter((t: { metric: string }) => t.metric === 'orders')
    expect(orders.reduce((s: number, t: { value: number }) => s + t.value, 0)).toBe(11)
    expect(orders.find((t: { dimension: string }) => t.dimension === 'facebook')).toMatchObject({ value: 9, tenants: 2 })
    expect(platform.body.tenants.reduce((s: number, t: { tenants: number }) => s + t.tenants, 0)).toBe(2)
    expect((await api('GET', '/dashboards/platform', { token: tokens['tenant-admin'] })).status).toBe(403)
    expect((await api('GET', '/dashboards/platform')).status).toBe(401)
  })

  it('the platform view has signups and trial conversions per week, MRR per currency, the busiest and the failing shops linking to their homes', async () => {
    const trial = await createTenant(payload, { status: 'trial' })
    // The super-admin turns the trial into a paying shop (audited as a tenants update).
    expect((await api('PATCH', `/tenants/${trial.id}`, { token: tokens.root, body: { status: 'active' } })).status).toBe(200)
    const hour = ago(HOUR)
    await ownerTx(async (q) => {
      await q(
        `insert into subscriptions (tenant_id, status, interval, amount, currency) values ($1, 'active', 'year', 120000, 'bdt'), ($2, 'canceled', 'month', 5000, 'bdt'), ($3, 'past_due', 'month', 900, 'usd')`,
        [shop.id, other.id, trial.id],
      )
      // Two failed webhook events and a failed job of the trial shop, a limit reached and a rate-limit refusal of mine.
      await q(
        `insert into meta_events (tenant_id, kind, external_id, event_key, payload, status, updated_at) select $1::uuid, 'fb-message', 'x' || i, 'k-' || i || '-' || $1::text, '{}', 'failed', $2::timestamptz from generate_series(1, 2) i`,
        [trial.id, hour],
      )
      await q(`insert into payload_jobs (input, has_error, updated_at) values (jsonb_build_object('tenantId', $1::text), true, $2), (jsonb_build_object('tenantId', $1::text), false, $2)`, [trial.id, hour])
      await q(`insert into quota_alerts (tenant_id, "limit", threshold, period, used, max) values ($1, 'ordersPerMonth', 100, '2026-12', 300, 300), ($1, 'ordersPerMonth', 80, '2026-12', 240, 300)`, [shop.id])
      await q(`insert into audit_logs (tenant_id, action, actor_type, summary) values ($1, 'rate-limited', 'anonymous', 'signup over the limit')`, [shop.id])
    })
    const res = await api('GET', '/dashboards/platform?period=7d', { token: tokens.root })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const { weeks, mrr, busiest, failing, totals } = res.body
    expect(weeks).toHaveLength(12)
    // Every shop of this file signed up this week; one trial became active.
    expect(weeks.at(-1)).toMatchObject({ signups: 3, conversions: 1 })
    expect(weeks.slice(0, -1).every((w: { signups: number }) => w.signups === 0)).toBe(true)
    // A yearly 1 200 taka counts 100 a month; a cancelled subscription nothing; currencies apart.
    expect(mrr).toEqual([
      { currency: 'BDT', mrr: 10_000, subscriptions: 1 },
      { currency: 'USD', mrr: 900, subscriptions: 1 },
    ])
    expect(busiest.map((b: { tenant: { id: string } }) => b.tenant.id)).toEqual([other.id, shop.id])
    expect(busiest[1]).toMatchObject({ orders: 4, messages: 2, home: `/admin?tenant=${shop.id}`, usage: `/admin/usage?tenant=${shop.id}` })
    expect(failing).toEqual([
      expect.objectContaining({ tenant: expect.objectContaining({ id: trial.id }), webhookFailures: 2, jobFailures: 1, limitsReached: 0, rateLimited: 0 }),
      expect.objectContaining({ tenant: expect.objectContaining({ id: shop.id }), webhookFailures: 0, jobFailures: 0, limitsReached: 1, rateLimited: 1 }),
    ])
    // Money is summed per currency, never across currencies.
    expect(totals.filter((t: { metric: string }) => t.metric === 'revenue').every((t: { currency: string }) => t.currency === 'BDT')).toBe(true)
    expect(totals.find((t: { metric: string }) => t.metric === 'orders')).toMatchObject({ currency: '' })
  })

  it('the platform functions are the platform role’s alone: the request role may not call them', async () => {
    const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 })
    try {
      for (const call of [
        'dashboards_platform_weeks(12)',
        'dashboards_platform_mrr()',
        `dashboards_platform_busiest('2026-01-01', '2026-12-31', 10)`,
        `dashboards_platform_failing(now() - interval '1 day', now(), 10)`,
      ])
        await expect(asRole(pool, { tenants: [shop.id] }, `select * from ${call}`), call).rejects.toThrow(/permission denied/)
    } finally {
      await pool.end()
    }
  })

  it('bad input is a 400 naming the parameter, never a 500', async () => {
    const cases: [string, string][] = [
      ['period=yesterday', 'period'],
      ['period=custom', 'from'],
      ['period=custom&from=2026-02-30&to=2026-03-01', 'from'],
      ['period=custom&from=2026-03-02&to=2026-03-01', 'from'],
      ['period=custom&from=2020-01-01&to=2026-01-01', 'to'],
      ['period=custom&from=2026-01-01&to=2999-01-01', 'to'],
      ['period=7d&period=30d', 'period'],
      ['tenant=nope', 'tenant'],
    ]
    for (const [query, path] of cases) {
      const res = await summary(tokens['tenant-admin'], query)
      expect(res.status, query).toBe(400)
      expect(res.body.error, query).toMatch(/^invalid_/)
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(path)
    }
    const bad = await api('POST', '/dashboards/recompute?from=2026-01-05&to=2026-01-01', { token: tokens['tenant-admin'] })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('from')
    expect((await api('POST', '/dashboards/recompute?from=2026-01-01&to=2026-01-02', { token: tokens['support-agent'] })).status).toBe(403)
  })

  it('the rollup table is held to the tenant by row-level security, and the request role cannot switch the bypass on', async () => {
    const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 })
    try {
      const seen = await asRole<{ tenant_id: string }>(pool, { tenants: [shop.id] }, 'select distinct tenant_id::text from tenant_daily_metrics')
      expect(seen.rows.map((r) => r.tenant_id)).toEqual([shop.id])
      expect((await asRole(pool, { bypass: true }, 'select 1 from tenant_daily_metrics')).rowCount).toBe(0)
      await expect(asRole(pool, { tenants: [shop.id] }, `insert into tenant_daily_metrics (tenant_id, day, metric) values ('${other.id}', '2026-01-01', 'orders')`)).rejects.toThrow(/row-level security/)
    } finally {
      await pool.end()
    }
  })
})
