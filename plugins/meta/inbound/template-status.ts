import type { PayloadRequest } from 'payload'

import { TEMPLATE_STATUSES } from '../model'
import { FROM_META } from '../context'
import type { Outcome, StoredEvent } from '../model'

/** `message_template_status_update` (reference §1.6): the template moves to APPROVED, REJECTED, … */
export async function receiveTemplateStatus(req: PayloadRequest, event: StoredEvent): Promise<Outcome> {
  const value = event.payload as { event?: string; message_template_id?: number | string; reason?: string }
  const status = String(value.event ?? '').toUpperCase()
  if (!(TEMPLATE_STATUSES as readonly string[]).includes(status)) return { ignored: `unknown template event ${status}` }
  const { docs } = await req.payload.find({
    collection: 'message-templates',
    where: { and: [{ tenant: { equals: event.tenantId } }, { metaId: { equals: String(value.message_template_id) } }] },
    depth: 0,
    limit: 10,
    overrideAccess: true,
    req,
  })
  if (docs.length === 0) return { ignored: 'no such template here (sync the templates)' }
  for (const template of docs) {
    await req.payload.update({
      collection: 'message-templates',
      id: template.id,
      data: { status: status as never, rejectedReason: status === 'REJECTED' ? (value.reason ?? null) : null },
      overrideAccess: true,
      context: { [FROM_META]: true },
      req,
    })
  }
}
