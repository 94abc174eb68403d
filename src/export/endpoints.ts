import { sql } from '@payloadcms/db-postgres'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { Endpoint, PayloadRequest } from 'payload'

import { recordAudit } from '../audit/record'
import { runSql } from '../db/run-sql'
import { withTransaction } from '../db/transaction'
import { endpointTenant } from '../tenancy/endpoint-tenant'
import { tenantsWhere } from '../tenancy/scope'
import { archivePath } from './build-archive'
import { EXPORT_TASK, EXPORTS } from './settings'
import { verifyExport } from './signed-link'
import { AppError } from '../errors/app-error'
import { UUID } from '../validation/uuid'
import { codeForStatus } from '../errors/codes'

const fail = (message: string, status: number) => new AppError(codeForStatus(status), message)

/**
 * The tenant to export: `?tenant=<id>`, else the request's tenant (src/tenancy/endpoint-tenant.ts).
 * The caller must be a tenant-admin of that usable tenant in its scope, or the super-admin.
 */
const exportTenantOf = (req: PayloadRequest): Promise<string> =>
  endpointTenant(req, {
    roles: ['tenant-admin'],
    signIn: 'Sign in to request an export.',
    choose: 'Name the shop to export: ?tenant=<id>, or select one in the admin.',
    forbidden: 'Only a tenant-admin of this shop can export its data.',
  })

/**
 * POST /api/exports/request[?tenant=<id>] — queue an export of the tenant's data. In one
 * transaction (under a per-tenant advisory lock): refuse with 409 while another export of the
 * tenant is queued or running, create the export (status `queued`), queue the `tenantExport`
 * job and write the audit entry. 202 `{ export: { id, status } }`.
 */
export const requestExportEndpoint: Endpoint = {
  path: '/request',
  method: 'post',
  handler: async (req) => {
    const tenantId = await exportTenantOf(req)
    return withTransaction(req, async () => {
      await runSql(req, sql`select pg_advisory_xact_lock(hashtextextended(${`export:${tenantId}`}, 0))`)
      const busy = await req.payload.count({
        collection: EXPORTS as 'tenants',
        where: { and: [{ tenant: { equals: tenantId } }, { status: { in: ['queued', 'running'] } }] },
        overrideAccess: true,
        req,
      })
      if (busy.totalDocs > 0) throw fail('An export of this shop is already in progress. Wait for its email, then ask again.', 409)
      const doc = await req.payload.create({
        collection: EXPORTS as 'tenants',
        data: { tenant: tenantId, status: 'queued', progress: 0, requestedBy: req.user!.id } as never,
        depth: 0,
        overrideAccess: true,
        req,
      })
      await req.payload.jobs.queue({ task: EXPORT_TASK, input: { tenantId, exportId: doc.id }, req })
      await recordAudit(req, [{ tenant: tenantId, action: 'export', collection: EXPORTS, documentId: doc.id, summary: 'export requested' }])
      return Response.json({ export: { id: doc.id, status: 'queued' } }, { status: 202 })
    })
  },
}

type ExportDoc = { id: string; tenant: string; status: string; fileName?: null | string }

/**
 * GET /api/exports/:id/download?expires=<unix>&sig=<hmac> — the emailed link. The signature must
 * match and the link be unexpired (403 / 410), and the caller must be signed in as a
 * tenant-admin of the export's tenant or the super-admin (401 / 403). Streams the zip; audited.
 */
export const downloadExportEndpoint: Endpoint = {
  path: '/:id/download',
  method: 'get',
  handler: async (req) => {
    const id = typeof req.routeParams?.id === 'string' ? req.routeParams.id : ''
    const expires = Number(req.query?.expires)
    const sig = typeof req.query?.sig === 'string' ? req.query.sig : ''
    if (!UUID.test(id) || !verifyExport(req.payload.secret, id, expires, sig)) throw fail('This download link is not valid.', 403)
    if (expires * 1000 <= Date.now()) throw fail('This download link has expired. Request a new export.', 410)
    const user = req.user
    if (!user || user.collection !== 'users') throw fail('Sign in to the admin as a tenant-admin of this shop, then open the link again.', 401)
    // Read with the caller's own access: another shop's staff (or a non-admin) find nothing.
    const doc = (await req.payload.findByID({ collection: EXPORTS as 'tenants', id, depth: 0, overrideAccess: false, user, req, disableErrors: true }).catch(() => null)) as ExportDoc | null
    const tenantId = doc ? String(doc.tenant) : null
    const administered = doc ? await tenantsWhere(req, ['tenant-admin']) : []
    if (!doc || !tenantId || (administered !== 'all' && !administered.includes(tenantId))) {
      throw fail('Only a tenant-admin of the shop this export belongs to can download it.', 403)
    }
    if (doc.status !== 'done') throw fail('This export is not finished.', 409)
    const file = archivePath(id)
    const info = await stat(file).catch(() => null)
    if (!info) throw fail('The export file is gone. Request a new export.', 410)
    await recordAudit(req, [{ tenant: tenantId, action: 'export', collection: EXPORTS, documentId: id, summary: 'export downloaded' }])
    const name = (doc.fileName || `export-${id}.zip`).replace(/[^\w.-]/g, '_')
    return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream, {
      status: 200,
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${name}"`,
        'Content-Length': String(info.size),
        'Cache-Control': 'private, no-store',
      },
    })
  },
}
