import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest, Where } from 'payload'

import type { Conversation } from '../../../payload-types'
import type { Channel, ConversationRef } from '../model'
import { hostOf } from '../options'
import { runSql } from '../run-sql'

export type Contact = {
  channel: Channel
  channelId: string
  contactId: string
  name?: null | string
  tenantId: string
  /** Asked only when the conversation is opened and `name` is empty (Messenger: the user profile). */
  lookupName?: () => Promise<null | string>
}

/** One indexed lookup (tenant, channel_key) — this runs for every inbound message. */
async function find(req: PayloadRequest, tenantId: string, channelKey: string): Promise<ConversationRef | undefined> {
  const [row] = await runSql(req, sql`select id, tenant_id, channel, contact_name, assignee_id from conversations where tenant_id = ${tenantId} and channel_key = ${channelKey} limit 1`)
  if (!row) return undefined
  return {
    id: String(row.id),
    tenant: String(row.tenant_id),
    channel: row.channel as Conversation['channel'],
    contactName: (row.contact_name as null | string) ?? null,
    assignee: typeof row.assignee_id === 'string' ? row.assignee_id : null,
  }
}

/**
 * A WhatsApp contact's customer: the tenant's customer with that phone (wa_id is the number
 * without +; the host's phone rule). Through the Local API, not SQL: the host stores phones
 * encrypted and answers an exact match from its own index.
 */
async function customerFor(req: PayloadRequest, contact: Contact): Promise<null | string> {
  const phone = `+${contact.contactId}`
  if (contact.channel !== 'whatsapp' || !hostOf(req).validation.isPhone(phone)) return null
  const where: Where = { and: [{ tenant: { equals: contact.tenantId } }, { phone: { equals: phone } }] }
  const { docs } = await req.payload.find({ collection: 'customers', where, limit: 1, pagination: false, depth: 0, select: {}, overrideAccess: true, req })
  return docs[0] ? String(docs[0].id) : null
}

/**
 * The conversation with this contact on this page or number, opened when it is the first message
 * (then linked to the customer with the contact's phone, if there is one). Like the message
 * itself (record-inbound.ts) it is written with one statement on this hot path; row-level
 * security holds it to the job's tenant. Two jobs opening the same conversation at once: the
 * unique (tenant, channel_key) index lets one insert it; the other reads it.
 */
export async function conversationFor(req: PayloadRequest, contact: Contact): Promise<{ conversation: ConversationRef; isNew: boolean }> {
  const channelKey = `${contact.channelId}:${contact.contactId}`
  const existing = await find(req, contact.tenantId, channelKey)
  if (existing) return { conversation: existing, isNew: false }
  const whatsapp = contact.channel === 'whatsapp'
  const given = contact.name?.trim() || (await contact.lookupName?.())?.trim()
  const name = given?.slice(0, 120) || (whatsapp ? `+${contact.contactId}` : `Messenger ${contact.contactId.slice(-6)}`)
  const [row] = await runSql(
    req,
    sql`insert into conversations (tenant_id, channel, number_id, page_id, contact_id, contact_name, channel_key, customer_id, status, unread_count)
        values (${contact.tenantId}, ${contact.channel}::enum_conversations_channel, ${whatsapp ? contact.channelId : null}::uuid, ${whatsapp ? null : contact.channelId}::uuid,
                ${contact.contactId.slice(0, 64)}, ${name}, ${channelKey}, ${await customerFor(req, contact)}::uuid, 'open', 0)
        on conflict (tenant_id, channel_key) do nothing
        returning id`,
  )
  if (!row) return { conversation: (await find(req, contact.tenantId, channelKey))!, isNew: false }
  return { conversation: { id: String(row.id), tenant: contact.tenantId, channel: contact.channel, contactName: name, assignee: null }, isNew: true }
}
