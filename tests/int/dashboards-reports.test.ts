import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { api, graphql, login, route, testClientIp } from './helpers/api'
import { ago, dayIn, fixtures, HOUR, order, writeWorld } from './helpers/dashboards-world'
import { asSystem, createStaff, createSuperAdmin, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload, ownerPool } from './helpers/payload'

/**
 * The Reports' downloads (GET /api/dashboards/report) and the per-shop setting of who may export
 * (`report-settings`): the files carry exactly the summary's figures (money in taka, not paisa),
 * a role's file only its sections, the setting decides who may download (only a tenant-admin
 * changes it — REST, GraphQL and the Local API), every download is audited once, and every way
 * of reaching another shop's report is refused.
 */

const INJECTION = '=HYPERLINK("http://evil.example","click")'

type Tile = { key: string; label: string; format: string; value: null | number; previous: null | number }
type Section = {
  tiles: Tile[]
  breakdowns: { key: string; label: string; rows: { dimension: string; value: number; previous: number }[] }[]
  series: { label: string; metric: string; points: { day: string; value: number }[] }[]
}
type Row = Record<'Section' | 'Table' | 'Row' | 'This period' | 'Previous period' | 'Change (%)', string>

/** A download through the route module production mounts, the body kept as bytes. */
async function download(query: string, token?: string) {
  const headers: Record<string, string> = { 'x-forwarded-for': testClientIp(), ...(token ? { authorization: `JWT ${token}` } : {}) }
  const response = await route(new Request(`http://localhost/api/dashboards/report?${query}`, { headers }))
  const bytes = Buffer.from(await response.arrayBuffer())
  const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString()) : null
  return { status: response.status, headers: response.headers, bytes, json }
}

const csvRows = (bytes: Buffer): Row[] => parse(bytes.toString('utf8'), { bom: true, columns: true })
const num = (cell: string | undefined) => (cell === undefined || cell === '' ? null : Number(cell))
/** A figure as the files write it (BDT: 100 paisa to the taka, to the paisa; shares in %). */
const asFile = (value: null | number, format: string) =>
  value === null ? null : format === 'money' ? Math.round(value) / 100 : format === 'percent' ? Math.round(value * 10_000) / 100 : Math.round(value * 100) / 100
const UNIT: Record<string, string> = { money: ' (BDT)', percent: ' (%)', seconds: ' (s)', count: '' }

/** Every figure, per-day value and breakdown row of the summary, as the report's rows must carry them. */
function expectSameFigures(rows: Row[], sections: Record<string, Section>) {
  const find = (section: string, table: string, row: string) => rows.find((r) => r.Section === section && r.Table === table && r.Row === row)
  let checked = 0
  for (const [key, section] of Object.entries(sections)) {
    const title = key[0].toUpperCase() + key.slice(1)
    for (const t of section.tiles) {
      const row = find(title, `${title}: figures`, `${t.label}${UNIT[t.format]}`)
      expect(row, `${title} ${t.label}`).toBeDefined()
      expect(num(row!['This period'])).toBe(asFile(t.value, t.format))
      expect(num(row!['Previous period'])).toBe(asFile(t.previous, t.format))
      checked++
    }
    for (const s of section.series) {
      const money = s.metric === 'revenue'
      for (const p of s.points) {
        expect(num(find(title, `${s.label} per day${money ? ' (BDT)' : ''}`, p.day)?.['This period'])).toBe(money ? p.value / 100 : p.value)
        checked++
      }
    }
    for (const b of section.breakdowns)
      for (const r of b.rows) {
        const row = find(title, `${b.label}${b.key === 'revenueBySource' ? ' (BDT)' : ''}`, r.dimension || '—')
        const scale = b.key === 'revenueBySource' ? 100 : 1
        expect([num(row?.['This period']), num(row?.['Previous period'])], `${b.label} ${r.dimension}`).toEqual([r.value / scale, r.previous / scale])
        checked++
      }
  }
  // Never a vacuous comparison: a section has at least its figures and a week of days.
  expect(checked).toBeGreaterThan(10)
}

describe('dashboards reports', () => {
  let payload: Payload
  let shop: Tenant
  let other: Tenant
  const users: Record<string, User> = {}
  const tokens: Record<string, string> = {}
  let settingsId: string

  const exportsOf = async (tenantId: string) =>
    (await ownerPool().query<{ summary: string; actor_user_id: string }>(`select summary, actor_user_id::text from audit_logs where tenant_id = $1 and action = 'export' order by created_at`, [tenantId])).rows
  const summary = async (token: string, query: string) => {
    const res = await api('GET', `/dashboards/summary?${query}`, { token })
    expect(res.status).toBe(200)
    return res.body as { period: { from: string; to: string }; sections: Record<string, Section> }
  }

  beforeAll(async () => {
    payload = await freshPayload()
    shop = await createTenant(payload, { timezone: 'Asia/Dhaka', currency: 'BDT' })
    other = await createTenant(payload, { timezone: 'Asia/Dhaka' })
    for (const role of ['tenant-admin', 'sales-operator', 'support-agent', 'marketing-manager'] as const) {
      users[role] = await createStaff(payload, shop, role)
      tokens[role] = await login(users[role].email, PASSWORD)
    }
    tokens.otherAdmin = await login((await createStaff(payload, other, 'tenant-admin')).email, PASSWORD)
    tokens.root = await login((await createSuperAdmin(payload)).email, PASSWORD)
    const mine = await fixtures(shop.id)
    const theirs = await fixtures(other.id)
    await ownerPool().query(`update products set name = $1 where id = $2`, [INJECTION, mine.products[0]])
    await writeWorld(mine, {
      orders: [
        order(ago(60_000), 'facebook', 'confirmed', 10_000),
        order(ago(120_000), 'whatsapp', 'delivered', 30_000),
        order(ago(180_000), 'facebook', 'cancelled', 50_000),
        order(ago(25 * HOUR), 'manual', 'confirmed', 8_000),
        order(ago(50 * HOUR), 'facebook', 'confirmed', 12_345),
      ],
      leads: [
        { at: ago(60_000), source: 'lead-ad', status: 'converted' },
        { at: ago(26 * HOUR), source: 'manual', status: 'new' },
      ],
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
    await writeWorld(theirs, { orders: Array.from({ length: 4 }, () => order(ago(60_000), 'facebook', 'confirmed', 99_000)), leads: [], conversations: [], shipments: [] })
    const from = dayIn(Date.now() - 5 * 24 * HOUR, 'Asia/Dhaka')
    const to = dayIn(Date.now(), 'Asia/Dhaka')
    for (const [token, tenant] of [
      [tokens['tenant-admin'], shop],
      [tokens.otherAdmin, other],
    ] as const)
      expect((await api('POST', `/dashboards/recompute?tenant=${tenant.id}&from=${from}&to=${to}`, { token })).status).toBe(200)
  })

  it('the tenant-admin’s CSV carries exactly the summary’s figures, in taka, named after the shop and the period; one audit entry', async () => {
    const before = (await exportsOf(shop.id)).length
    const res = await download(`format=csv&period=7d&tenant=${shop.id}`, tokens['tenant-admin'])
    expect(res.status, res.bytes.toString()).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const body = await summary(tokens['tenant-admin'], `period=7d&tenant=${shop.id}`)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${shop.slug}-report-${body.period.from}-${body.period.to}.csv"`)
    const rows = csvRows(res.bytes)
    expect(Object.keys(rows[0])).toEqual(['Section', 'Table', 'Row', 'This period', 'Previous period', 'Change (%)'])
    expectSameFigures(rows, body.sections)
    // Spelled out once: 7 days hold 4 kept orders worth 100 + 300 + 80 + 123.45 taka (the cancelled one not counted in revenue).
    const revenue = rows.find((r) => r.Table === 'Sales: figures' && r.Row === 'Revenue (BDT)')
    expect(revenue).toMatchObject({ Section: 'Sales', 'This period': '603.45' })
    // A product name a spreadsheet would run as a formula is written as text.
    expect(rows.find((r) => r.Table === 'Top products by revenue (BDT)')?.Row).toBe(`'${INJECTION}`)
    const entries = await exportsOf(shop.id)
    expect(entries.length).toBe(before + 1)
    expect(entries.at(-1)).toEqual({ summary: `report csv ${body.period.from}..${body.period.to} (sales, conversations, delivery, leads, products)`, actor_user_id: String(users['tenant-admin'].id) })
  })

  it('the XLSX parses back (exceljs) to the same figures as the CSV and the summary; one audit entry', async () => {
    const before = (await exportsOf(shop.id)).length
    const res = await download(`format=xlsx&period=custom&from=${dayIn(Date.now() - 3 * 24 * HOUR, 'Asia/Dhaka')}&to=${dayIn(Date.now(), 'Asia/Dhaka')}&tenant=${shop.id}`, tokens['tenant-admin'])
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${shop.slug}-report-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.xlsx"$`))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.bytes as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(['About', 'Sales', 'Conversations', 'Delivery', 'Leads', 'Products'])
    expect(book.getWorksheet('About')!.getRow(4).values).toEqual([undefined, 'Currency', 'BDT'])
    const rows: Row[] = []
    for (const sheet of book.worksheets.slice(1)) {
      const header = (sheet.getRow(1).values as string[]).slice(1)
      expect(header).toEqual(['Table', 'Row', 'This period', 'Previous period', 'Change (%)'])
      sheet.eachRow((row, n) => {
        if (n === 1) return
        // Text and numbers only: the report writes no formulas, dates or rich text.
        const cells = (row.values as (string | number | null | undefined)[]).slice(1)
        const text = (i: number) => (cells[i] === undefined || cells[i] === null ? '' : String(cells[i]))
        rows.push({ Section: sheet.name, Table: text(0), Row: text(1), 'This period': text(2), 'Previous period': text(3), 'Change (%)': text(4) })
      })
    }
    const [from, to] = res.headers
      .get('content-disposition')!
      .match(/report-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})/)!
      .slice(1)
    const body = await summary(tokens['tenant-admin'], `period=custom&from=${from}&to=${to}&tenant=${shop.id}`)
    expectSameFigures(rows, body.sections)
    expect(typeof book.getWorksheet('Sales')!.getRow(2).getCell(3).value).toBe('number')
    // The same figures as the CSV of the same period, row for row.
    const csv = csvRows((await download(`format=csv&period=custom&from=${from}&to=${to}&tenant=${shop.id}`, tokens['tenant-admin'])).bytes)
    expect(rows.map((r) => [r.Section, r.Table, r.Row, num(r['This period']), num(r['Previous period'])])).toEqual(
      csv.map((r) => [r.Section, r.Table, r.Row.replace(/^'/, ''), num(r['This period']), num(r['Previous period'])]),
    )
    expect((await exportsOf(shop.id)).length).toBe(before + 2)
    expect((await exportsOf(shop.id)).at(-2)!.summary).toMatch(new RegExp(`^report xlsx ${from}\\.\\.${to} \\(`))
  })

  it('staff the setting does not name are refused with export_not_allowed (by default, tenant-admins only); nothing is audited', async () => {
    const before = (await exportsOf(shop.id)).length
    for (const role of ['sales-operator', 'support-agent', 'marketing-manager']) {
      const res = await download(`format=csv&period=7d`, tokens[role])
      expect(res.status, role).toBe(403)
      expect(res.json).toMatchObject({ error: 'export_not_allowed', roles: ['tenant-admin'] })
      expect(res.json.message).toMatch(/Only Tenant admin may export.*Report settings/)
    }
    expect((await exportsOf(shop.id)).length).toBe(before)
  })

  it('only a tenant-admin sets who may export: other roles cannot create it over REST, GraphQL or the Local API', async () => {
    const count = async () => (await asSystem(() => payload.count({ collection: 'report-settings', where: { tenant: { equals: shop.id } }, overrideAccess: true }))).totalDocs
    for (const role of ['sales-operator', 'support-agent'] as const) {
      expect((await api('POST', '/report-settings', { token: tokens[role], body: { tenant: shop.id, exportRoles: ['tenant-admin', role] } })).status, role).toBe(403)
      const gql = await graphql(`mutation { createReportSetting(data: { exportRoles: [tenant_admin, ${role.replace('-', '_')}] }) { id } }`, { token: tokens[role] })
      expect(gql.body.errors?.[0]?.extensions?.code, role).toBe('forbidden')
      await expect(payload.create({ collection: 'report-settings', data: { tenant: shop.id, exportRoles: [role] }, user: users[role], overrideAccess: false })).rejects.toThrow()
    }
    expect(await count()).toBe(0)
    // The tenant-admin lets sales operators and support agents export; the change is audited.
    const made = await api('POST', '/report-settings', { token: tokens['tenant-admin'], body: { tenant: shop.id, exportRoles: ['tenant-admin', 'sales-operator', 'support-agent'] } })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    settingsId = made.body.doc.id
    expect(made.body.doc.tenant).toMatchObject({ id: shop.id })
    const audited = await ownerPool().query(`select action, actor_user_id::text as actor from audit_logs where collection = 'report-settings' and document_id = $1`, [settingsId])
    expect(audited.rows).toEqual([{ action: 'create', actor: String(users['tenant-admin'].id) }])
  })

  it('once allowed, a sales operator downloads; a support agent’s report has conversations and no sales or revenue', async () => {
    const before = (await exportsOf(shop.id)).length
    const sales = await download(`format=csv&period=7d`, tokens['sales-operator'])
    expect(sales.status).toBe(200)
    expect(new Set(csvRows(sales.bytes).map((r) => r.Section))).toEqual(new Set(['Sales', 'Conversations', 'Delivery', 'Products']))
    const agent = await download(`format=csv&period=7d`, tokens['support-agent'])
    expect(agent.status).toBe(200)
    const rows = csvRows(agent.bytes)
    expect(new Set(rows.map((r) => r.Section))).toEqual(new Set(['Conversations']))
    expect(agent.bytes.toString()).not.toMatch(/revenue|sales|BDT|603\.45/i)
    expectSameFigures(rows, (await summary(tokens['support-agent'], 'period=7d')).sections)
    const xlsx = await download(`format=xlsx&period=7d`, tokens['support-agent'])
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(['About', 'Conversations'])
    const entries = await exportsOf(shop.id)
    expect(entries.length).toBe(before + 3)
    expect(entries.at(-1)).toMatchObject({ actor_user_id: String(users['support-agent'].id), summary: expect.stringMatching(/^report xlsx .* \(conversations\)$/) })
    // Still refused: a marketing manager, whom the setting does not name.
    expect((await download(`format=csv&period=7d`, tokens['marketing-manager'])).json).toMatchObject({ error: 'export_not_allowed' })
  })

  it('other roles cannot change the setting over REST, GraphQL or the Local API; the tenant-admin can', async () => {
    const stored = async () => (await asSystem(() => payload.findByID({ collection: 'report-settings', id: settingsId, depth: 0, overrideAccess: true }))).exportRoles
    for (const role of ['sales-operator', 'support-agent'] as const) {
      expect((await api('PATCH', `/report-settings/${settingsId}`, { token: tokens[role], body: { exportRoles: ['support-agent', 'sales-operator', 'marketing-manager'] } })).status, role).toBe(403)
      const gql = await graphql(
        `
          mutation ($id: String!) {
            updateReportSetting(id: $id, data: { exportRoles: [marketing_manager] }) {
              id
            }
          }
        `,
        { token: tokens[role], variables: { id: settingsId } },
      )
      expect(gql.body.errors?.[0]?.extensions?.code, role).toBe('forbidden')
      await expect(payload.update({ collection: 'report-settings', id: settingsId, data: { exportRoles: ['marketing-manager'] }, user: users[role], overrideAccess: false })).rejects.toThrow()
      expect((await api('DELETE', `/report-settings/${settingsId}`, { token: tokens[role] })).status, role).toBe(403)
      // They may read it (the Reports view tells them who may export).
      expect((await api('GET', `/report-settings/${settingsId}`, { token: tokens[role] })).status, role).toBe(200)
    }
    expect(await stored()).toEqual(['tenant-admin', 'sales-operator', 'support-agent'])
    // Another shop's admin neither reads nor changes it.
    expect((await api('GET', `/report-settings/${settingsId}`, { token: tokens.otherAdmin })).status).toBe(404)
    expect((await api('PATCH', `/report-settings/${settingsId}`, { token: tokens.otherAdmin, body: { exportRoles: ['marketing-manager'] } })).status).toBe(404)
    // The tenant-admin takes the support agents' right back (audited as an update).
    const patched = await api('PATCH', `/report-settings/${settingsId}`, { token: tokens['tenant-admin'], body: { exportRoles: ['tenant-admin', 'sales-operator'] } })
    expect(patched.status).toBe(200)
    expect(await stored()).toEqual(['tenant-admin', 'sales-operator'])
    expect((await ownerPool().query(`select 1 from audit_logs where collection = 'report-settings' and document_id = $1 and action = 'update'`, [settingsId])).rowCount).toBe(1)
    expect((await download(`format=csv&period=7d`, tokens['support-agent'])).json).toMatchObject({ error: 'export_not_allowed', roles: ['tenant-admin', 'sales-operator'] })
  })

  it('another shop’s admin (?tenant= of mine), a freshly signed-up stranger and anonymous callers get no report; the super-admin always may', async () => {
    const before = (await exportsOf(shop.id)).length
    const otherAdmin = await download(`format=csv&period=7d&tenant=${shop.id}`, tokens.otherAdmin)
    expect(otherAdmin.status).toBe(403)
    expect(otherAdmin.json.error).toBe('forbidden')
    const stranger = await login((await createStaff(payload, await createTenant(payload), 'tenant-admin')).email, PASSWORD)
    expect((await download(`format=csv&period=7d&tenant=${shop.id}`, stranger)).status).toBe(403)
    // The stranger's own report is their own (empty) shop's, never mine.
    const own = await download(`format=csv&period=7d`, stranger)
    expect(own.status).toBe(200)
    expect(own.bytes.toString()).not.toContain('603.45')
    const anonymous = await download(`format=csv&period=7d&tenant=${shop.id}`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.json.error).toBe('unauthorized')
    expect((await exportsOf(shop.id)).length).toBe(before)
    // The other shop's admin downloads theirs: 4 orders of 990 taka.
    const theirs = csvRows((await download(`format=csv&period=today`, tokens.otherAdmin)).bytes)
    expect(theirs.find((r) => r.Row === 'Revenue (BDT)')?.['This period']).toBe('3960')
    const root = await download(`format=csv&period=7d&tenant=${shop.id}`, tokens.root)
    expect(root.status).toBe(200)
    expect((await exportsOf(shop.id)).length).toBe(before + 1)
  })

  it('a bad format or period is a 400 naming the parameter, never a 500, and is not audited', async () => {
    const before = (await exportsOf(shop.id)).length
    const cases: [string, string][] = [
      ['period=7d', 'format'],
      ['format=pdf&period=7d', 'format'],
      ['format=csv&format=xlsx', 'format'],
      ['format=csv&period=yesterday', 'period'],
      ['format=csv&period=custom', 'from'],
      ['format=xlsx&period=custom&from=2026-02-30&to=2026-03-01', 'from'],
      ['format=csv&period=custom&from=2026-01-01&to=2999-01-01', 'to'],
      ['format=csv&tenant=nope', 'tenant'],
    ]
    for (const [query, path] of cases) {
      const res = await download(query, tokens['tenant-admin'])
      expect(res.status, query).toBe(400)
      expect(res.json.error, query).toMatch(/^invalid_/)
      expect(
        res.json.errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(path)
    }
    expect((await exportsOf(shop.id)).length).toBe(before)
  })
})
