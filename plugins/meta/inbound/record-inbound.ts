import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Message } from '../../../payload-types'
import { runSql } from '../../../src/db/run-sql'
import { runAutomations } from '../automations/run-automations'
import { INBOUND_WRITE } from '../context'
import type { Outcome } from '../jobs/process-events'
import { conversationFor, type Contact } from './conversation'
import { touchConversation } from './touch-conversation'

export type Incoming = {
  contact: Contact
  metaId: string
  direction?: 'inbound' | 'outbound'
  type: Message['type']
  text: null | string
  at: Date
  attachment?: unknown
}

/**
 * Store one message that arrived from Meta in its conversation (opening it when new), move the
 * conversation, and — for a customer's message — run the tenant's automations. A message whose
 * id is already stored is left alone (a redelivery under another event key, or our own echo).
 */
export async function recordIncoming(req: PayloadRequest, incoming: Incoming): Promise<Outcome> {
  const { contact } = incoming
  // One indexed lookup (tenant, meta_id) — this runs for every inbound message.
  const known = await runSql(req, sql`select 1 from messages where tenant_id = ${contact.tenantId} and meta_id = ${incoming.metaId} limit 1`)
  if (known.length > 0) return { ignored: 'message already stored' }
  const { conversation, isNew } = await conversationFor(req, contact)
  const inbound = (incoming.direction ?? 'inbound') === 'inbound'
  const message = await req.payload.create({
    collection: 'messages',
    data: {
      tenant: contact.tenantId,
      conversation: conversation.id,
      direction: inbound ? 'inbound' : 'outbound',
      type: incoming.type,
      text: incoming.text?.slice(0, 4096) ?? null,
      status: inbound ? 'received' : 'sent',
      metaId: incoming.metaId,
      ...(inbound ? {} : { sentAt: incoming.at.toISOString() }),
      attachment: (incoming.attachment ?? null) as never,
    },
    overrideAccess: true,
    context: { [INBOUND_WRITE]: true },
    req,
  })
  await touchConversation(req, conversation.id, { at: incoming.at, preview: incoming.text ?? `[${incoming.type}]`, inbound })
  if (inbound) await runAutomations(req, { conversation, message, isNew })
}
