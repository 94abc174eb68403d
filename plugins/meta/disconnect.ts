import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { channelLabel, type ChannelKind } from './channels'
import type { GraphError } from './graph/graph-error'
import { idOf as tenantIdOf } from './ids'
import { hostOf } from './options'
import { runSql } from './run-sql'

/**
 * Meta refused the token of a page or number (code 190): mark it disconnected — sending stops
 * with a clear message until someone saves a new token — and email the tenant's admins once
 * (only when it was not disconnected already).
 */
export async function markDisconnected(req: PayloadRequest, kind: ChannelKind, id: string, error: GraphError): Promise<void> {
  // An unverified page or number stays unverified (it receives nothing either way); only the
  // check is recorded, and nobody is emailed about a token that was never proven.
  // One statement decides who tells the admins: concurrent sends all see the same refusal.
  const switched = await runSql(req, sql`update ${sql.raw(kind)} set status = 'disconnected', updated_at = now() where id = ${id} and status <> 'disconnected' and verified_at is not null returning id`)
  const before = await req.payload.findByID({ collection: kind, id, depth: 0, overrideAccess: true, req })
  const checkedAt = new Date().toISOString()
  await req.payload.update({
    collection: kind,
    id,
    data: { status: before.verifiedAt ? 'disconnected' : 'unverified', connection: { checkedAt, ok: false, message: `Meta refused the access token (code ${error.code}): ${error.message}` } } as never,
    overrideAccess: true,
    req,
  })
  if (switched.length === 0) return
  const label = channelLabel(kind, before)
  const tenantId = tenantIdOf(before.tenant)!
  const admins = await hostOf(req).tenancy.tenantAdmins(req, tenantId)
  const serverUrl = req.payload.config.serverURL || ''
  for (const admin of admins) {
    await hostOf(req).tenancy.sendShopEmail(req.payload, {
      tenantId,
      to: admin.email,
      subject: `Reconnect your ${kind === 'numbers' ? 'WhatsApp number' : 'Facebook page'}: messages cannot be sent`,
      paragraphs: [
        `Meta refused the access token of your ${label}: ${error.message}`,
        'Replies and automations through it stop until it has a new token.',
        'Open it in the admin, paste a new token and use "Test connection":',
      ],
      action: { label: `Open the ${kind === 'numbers' ? 'number' : 'page'}`, url: `${serverUrl}/admin/collections/${kind}/${id}` },
    })
  }
}
