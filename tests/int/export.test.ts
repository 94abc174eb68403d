import type { CollectionSlug, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import yauzl from 'yauzl'

import { PERMISSIONS, type TenantCollection } from '../../access/permissions'
import type { Tenant, User } from '../../payload-types'
import { EXPORTED_COLLECTIONS } from '../../src/export/settings'
import { signExport } from '../../src/export/signed-link'
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp'
import { api, login, route } from './helpers/api'
import { routeEmailTo } from './helpers/email'
import { asSystem, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { drainQueue } from './helpers/jobs-queue'
import { freshPayload, ownerPool } from './helpers/payload'
import { createAsSystem, tenantFixture } from './helpers/samples'

/** GET through the route module production mounts, keeping the body as bytes (a zip is not JSON). */
async function download(url: string, token?: string) {
  const request = new Request(url, { headers: token ? { authorization: `JWT ${token}` } : {} })
  const response = await route(request)
  const bytes = Buffer.from(await response.arrayBuffer())
  const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString()) : null
  return { status: response.status, headers: response.headers, bytes, json }
}

/** Every entry of a zip, by name. */
function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>()
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, archive) => {
      if (err || !archive) return reject(err ?? new Error('no archive'))
      archive.on('entry', (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(error ?? new Error('no stream'))
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => (files.set(entry.fileName, Buffer.concat(chunks)), archive.readEntry()))
        })
      })
      archive.on('end', () => resolve(files))
      archive.on('error', reject)
      archive.readEntry()
    })
  })
}

const table = (slug: string) => slug.replace(/-/g, '_')
const idsOf = async (slug: string, tenantId: string) => (await ownerPool().query<{ id: string }>(`select id::text from ${table(slug)} where tenant_id = $1`, [tenantId])).rows.map((r) => r.id)

async function fill(payload: Payload, tenant: Tenant) {
  const fx = await tenantFixture(payload, tenant.id)
  for (const collection of Object.keys(PERMISSIONS) as TenantCollection[]) await createAsSystem(payload, collection, fx)
  const system = (collection: string, data: object) => asSystem(() => payload.create({ collection: collection as CollectionSlug, data: { tenant: tenant.id, ...data } as never, overrideAccess: true }))
  await system('usage-counters', { metric: 'users', period: '2020-01', count: 3 })
  await system('quota-alerts', { limit: 'users', threshold: 80, period: '2020-01', used: 4, max: 5 })
  await system('usage-snapshots', { day: '2020-01-01', usage: { users: 3 } })
}

describe('tenant data export', () => {
  let payload: Payload
  let smtp: FakeSmtp
  let restoreEmail: () => void
  let shopA: Tenant
  let shopB: Tenant
  let adminA: User
  let tokenA: string
  let tokenB: string
  let tokenSupportA: string
  let exportId: string
  let link: string

  const auditSummaries = async (tenantId: string) =>
    (await ownerPool().query<{ summary: string }>(`select summary from audit_logs where tenant_id = $1 and action = 'export' order by created_at`, [tenantId])).rows.map((r) => r.summary)

  beforeAll(async () => {
    payload = await freshPayload()
    process.env.SERVER_URL = 'http://backoffice.test'
    smtp = await startFakeSmtp()
    restoreEmail = await routeEmailTo(payload, smtp.url)
    shopA = await createTenant(payload, { name: 'Export Shop A' })
    shopB = await createTenant(payload, { name: 'Export Shop B' })
    await fill(payload, shopA)
    await fill(payload, shopB)
    adminA = await createStaff(payload, shopA, 'tenant-admin')
    tokenA = await login(adminA.email, PASSWORD)
    tokenB = await login((await createStaff(payload, shopB, 'tenant-admin')).email, PASSWORD)
    tokenSupportA = await login((await createStaff(payload, shopA, 'support-agent')).email, PASSWORD)
  })
  afterAll(async () => {
    delete process.env.SERVER_URL
    restoreEmail()
    await smtp.close()
  })

  it('only a tenant-admin of the shop may request an export', async () => {
    const support = await api('POST', `/exports/request?tenant=${shopA.id}`, { token: tokenSupportA })
    expect(support.status).toBe(403)
    expect(support.body.message).toMatch(/Only a tenant-admin/)
    expect((await api('POST', `/exports/request?tenant=${shopA.id}`, { token: tokenB })).status).toBe(403)
    expect((await api('POST', `/exports/request?tenant=${shopA.id}`)).status).toBe(401)
  })

  it('queues one export at a time per shop, audited', async () => {
    const first = await api('POST', `/exports/request?tenant=${shopA.id}`, { token: tokenA })
    expect(first.status).toBe(202)
    exportId = first.body.export.id
    const second = await api('POST', `/exports/request?tenant=${shopA.id}`, { token: tokenA })
    expect(second.status).toBe(409)
    expect(second.body.message).toMatch(/already in progress/)
    const doc = await api('GET', `/exports/${exportId}?depth=0`, { token: tokenA })
    expect(doc.body).toMatchObject({ status: 'queued', progress: 0, tenant: shopA.id })
    expect((await api('GET', `/exports/${exportId}`, { token: tokenB })).status).toBe(404)
    expect(await auditSummaries(shopA.id)).toEqual(['export requested'])
  })

  it('the job builds the zip, ends at 100 % done and emails a signed link', async () => {
    await drainQueue(payload)
    const doc = await api('GET', `/exports/${exportId}?depth=0`, { token: tokenA })
    expect(doc.body).toMatchObject({ status: 'done', progress: 100, collectionsDone: EXPORTED_COLLECTIONS.length, collectionsTotal: EXPORTED_COLLECTIONS.length, requestedBy: adminA.id })
    expect(doc.body.size).toBeGreaterThan(0)
    expect(doc.body.fileName).toMatch(new RegExp(`^${shopA.slug}-export-.*\\.zip$`))
    expect(Date.parse(doc.body.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000)
    const [mail] = await smtp.waitFor(1)
    expect(mail.to).toMatchObject({ text: adminA.email })
    expect(mail.subject).toBe('Export Shop A: your data export is ready')
    link = mail.text!.match(/http:\/\/backoffice\.test\/api\/exports\/\S+/)![0]
    expect(link).toMatch(new RegExp(`/api/exports/${exportId}/download\\?expires=\\d+&sig=[0-9a-f]{64}$`))
  })

  it("the link gives A's admin every A document as JSON and CSV, and nothing of B", async () => {
    const expected = new Map<string, string[]>()
    for (const slug of EXPORTED_COLLECTIONS) expected.set(slug, await idsOf(slug, shopA.id))
    const res = await download(link.replace('http://backoffice.test', 'http://localhost'), tokenA)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.zip"$/)
    const files = await unzip(res.bytes)
    for (const slug of EXPORTED_COLLECTIONS) {
      const ids = expected.get(slug)!
      expect(ids.length, slug).toBeGreaterThan(0)
      const docs = JSON.parse(files.get(`${slug}.json`)!.toString()) as { id: string; tenant: string }[]
      expect(docs.map((d) => d.id).sort(), slug).toEqual([...ids].sort())
      expect(new Set(docs.map((d) => d.tenant)), slug).toEqual(new Set([shopA.id]))
      const [header, ...rows] = files.get(`${slug}.csv`)!.toString().trim().split('\n')
      expect(header.split(',')[0]).toBe('id')
      expect(rows.map((r) => r.split(',')[0]).sort(), slug).toEqual([...ids].sort())
    }
    expect([...files.keys()].some((name) => name.startsWith('media-files/'))).toBe(true)

    const everything = [...files.values()].map((b) => b.toString('utf8')).join('\n')
    const foreign = [shopB.id, ...(await Promise.all(EXPORTED_COLLECTIONS.map((slug) => idsOf(slug, shopB.id)))).flat()]
    expect(foreign.length).toBeGreaterThan(EXPORTED_COLLECTIONS.length)
    for (const id of foreign) expect(everything.includes(id), id).toBe(false)
    // Secrets read back as null and their hints are left out (the audit log masks them whole);
    // API key hashes never appear.
    expect(everything.match(/.{0,80}(EAAB-|"secretKey"|keyHash|\u2022{4}\w).{0,40}/g)).toBeNull()
    for (const slug of ['pages', 'numbers', 'couriers']) {
      for (const doc of JSON.parse(files.get(`${slug}.json`)!.toString()) as Record<string, unknown>[]) {
        expect(
          Object.keys(doc).filter((key) => key.endsWith('Hint')),
          slug,
        ).toEqual([])
        expect(doc.accessToken ?? doc.credentials ?? null, slug).toBeNull()
      }
    }
    expect(await auditSummaries(shopA.id)).toEqual(['export requested', 'export downloaded'])
  })

  it("the link refuses B's admin, a support-agent, the anonymous, a bad signature and an expired link", async () => {
    const local = link.replace('http://backoffice.test', 'http://localhost')
    const other = await download(local, tokenB)
    expect(other.status).toBe(403)
    expect(other.json.message).toMatch(/Only a tenant-admin of the shop/)
    expect((await download(local, tokenSupportA)).status).toBe(403)
    expect((await download(local)).status).toBe(401)
    const forged = await download(
      local.replace(/sig=([0-9a-f])/, (_, c: string) => `sig=${c === '0' ? '1' : '0'}`),
      tokenA,
    )
    expect(forged.status).toBe(403)
    expect(forged.json.message).toMatch(/not valid/)
    const longer = await download(
      local.replace(/expires=(\d+)/, (_, n: string) => `expires=${Number(n) + 3600}`),
      tokenA,
    )
    expect(longer.status).toBe(403)
    const past = Math.floor(Date.now() / 1000) - 60
    const expired = await download(`http://localhost/api/exports/${exportId}/download?expires=${past}&sig=${signExport(payload.secret, exportId, past)}`, tokenA)
    expect(expired.status).toBe(410)
    expect(expired.json.message).toMatch(/expired/)
    expect(await auditSummaries(shopA.id)).toEqual(['export requested', 'export downloaded'])
  })

  it('a failed export is marked failed with its error (the job retries), and the shop may ask again', async () => {
    const dir = process.env.EXPORT_DIR
    process.env.EXPORT_DIR = '/dev/null/exports' // cannot be created
    try {
      const res = await api('POST', `/exports/request?tenant=${shopA.id}`, { token: tokenA })
      expect(res.status).toBe(202)
      await drainQueue(payload)
      const doc = await api('GET', `/exports/${res.body.export.id}?depth=0`, { token: tokenA })
      expect(doc.body).toMatchObject({ status: 'failed' })
      expect(doc.body.error).toMatch(/ENOTDIR|EEXIST|ENOENT/)
      const [job] = (await ownerPool().query(`select has_error, total_tried::int as total_tried from payload_jobs where input->>'exportId' = $1`, [res.body.export.id])).rows
      expect(job).toMatchObject({ has_error: true, total_tried: 3 })
    } finally {
      process.env.EXPORT_DIR = dir
    }
    expect((await api('POST', `/exports/request?tenant=${shopA.id}`, { token: tokenA })).status).toBe(202)
    await drainQueue(payload)
  })
})
