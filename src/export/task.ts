import { createLocalReq, type PayloadRequest, type TaskInput } from 'payload'

import { sendShopEmail } from '../email/send-shop-email'
import { tenantAdmins } from '../tenancy/tenant-admins'
import { tenantTask } from '../jobs/tenant-task'
import { buildArchive } from './build-archive'
import { EXPORT_TASK, EXPORTS, linkHours } from './settings'
import { downloadLink } from './signed-link'

/**
 * Build one tenant's export (queued by POST /api/exports/request). Runs in the tenant's
 * context (tenantTask), so every read is held to that tenant by row-level security. The export
 * document is updated on a request of its own, outside any transaction of the job, so the admin
 * sees the progress while it runs. On success: status `done`, the link's expiry, and an email
 * with the signed link to whoever asked (or, if that user is gone, the tenant's admins). On
 * failure: status `failed` with the error, and the job fails so Payload retries it.
 */
export const tenantExportTask = tenantTask<TaskInput<typeof EXPORT_TASK>, { size: number; sent: number }>({
  slug: EXPORT_TASK,
  label: 'Tenant data export',
  retries: 2,
  inputSchema: [{ name: 'exportId', type: 'text', required: true }],
  handler: async ({ input, req, tenant }) => {
    const { payload } = req
    const own = await createLocalReq({}, payload)
    const update = (data: Record<string, unknown>) => payload.update({ collection: EXPORTS as 'tenants', id: input.exportId, data: data, depth: 0, overrideAccess: true, req: own })
    await update({ status: 'running', progress: 0, collectionsDone: 0, error: null })
    try {
      const size = await buildArchive(req, tenant.id, input.exportId, (done, total) =>
        update({ progress: Math.round((done / total) * 100), collectionsDone: done, collectionsTotal: total }).then(() => undefined),
      )
      const finishedAt = new Date()
      const expiresAt = new Date(finishedAt.getTime() + linkHours() * 3600_000)
      const fileName = `${tenant.slug}-export-${finishedAt.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.zip`
      const doc = (await update({ status: 'done', progress: 100, size, fileName, finishedAt: finishedAt.toISOString(), expiresAt: expiresAt.toISOString() })) as unknown as { requestedBy?: null | string }
      const sent = await emailLink(own, tenant, input.exportId, doc.requestedBy ?? null, expiresAt)
      return { output: { size, sent } }
    } catch (error) {
      await update({ status: 'failed', error: error instanceof Error ? error.message : String(error) }).catch(() => undefined)
      throw error
    }
  },
})

async function emailLink(req: PayloadRequest, tenant: { id: string; slug: string }, exportId: string, requestedBy: null | string, expiresAt: Date) {
  const { payload } = req
  const admins = await tenantAdmins(req, tenant.id)
  const requester = requestedBy ? await payload.findByID({ collection: 'users', id: requestedBy, depth: 0, overrideAccess: true, req, disableErrors: true }) : null
  const to = requester ? [requester] : admins
  const full = await payload.findByID({ collection: 'tenants', id: tenant.id, depth: 0, overrideAccess: true, req })
  const shop = full.displayName || full.name
  const link = downloadLink(payload.secret, process.env.SERVER_URL ?? '', exportId, expiresAt)
  const email = {
    tenantId: tenant.id,
    subject: `${shop}: your data export is ready`,
    paragraphs: [`The export of ${shop}'s data you asked for is ready: every collection as JSON and CSV in one zip.`, `Download it (sign in as a tenant-admin of ${shop} first):`],
    action: { label: 'Download the export', url: link },
    after: [`The link works until ${expiresAt.toUTCString()}. Only ${shop}'s admins can use it.`],
  }
  for (const user of to) await sendShopEmail(payload, { ...email, to: user.email })
  return to.length
}
