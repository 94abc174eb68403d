import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Message } from '../../../payload-types'
import { runAutomations } from '../automations/run-automations'
import type { Outcome } from '../model'
import { hostOf } from '../options'
import { runSql } from '../run-sql'
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
  // Written with one statement rather than the Local API: this is the hot path of every webhook
  // (Payload's create costs several queries and most of the CPU), the values are the plugin's own
  // (type from MESSAGE_TYPES, text cut to the field's length), and row-level security still holds
  // the write to the job's tenant. The unique (tenant, meta_id) index makes a concurrent
  // duplicate a no-op. `sent_at` is when the customer (or the page) sent it; `created_at` the
  // arrival, in order (events are handled in the order they came).
  const text = incoming.text?.slice(0, 4096) ?? null
  const at = incoming.at.toISOString()
  const [row] = await runSql(
    req,
    sql`insert into messages (tenant_id, conversation_id, direction, type, text, status, meta_id, sent_at, attachment, created_at, updated_at)
        values (${contact.tenantId}, ${conversation.id}, ${inbound ? 'inbound' : 'outbound'}::enum_messages_direction, ${incoming.type}::enum_messages_type,
                ${text}, ${inbound ? 'received' : 'sent'}::enum_messages_status, ${incoming.metaId}, ${at}::timestamptz,
                ${incoming.attachment == null ? null : JSON.stringify(incoming.attachment)}::jsonb, now(), now())
        on conflict (tenant_id, meta_id) do nothing
        returning id`,
  )
  if (!row) return { ignored: 'message already stored' }
  await touchConversation(req, conversation.id, { at: incoming.at, preview: incoming.text ?? `[${incoming.type}]`, inbound })
  if (!inbound) return
  await runAutomations(req, { conversation, message: { text }, isNew })
  // The host's other reactions (the AI auto-reply), in a savepoint: a failing one never takes the customer's message with it.
  for (const after of hostOf(req).inbound?.after ?? []) {
    await hostOf(req)
      .db.inSavepoint(req, () => after(req, { tenantId: contact.tenantId, conversationId: conversation.id, messageId: String(row.id) }))
      .catch((error: unknown) => req.payload.logger.warn({ conversation: conversation.id, error: String(error) }, 'a reaction to an inbound message failed'))
  }
}
