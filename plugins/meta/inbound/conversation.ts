import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Conversation } from '../../../payload-types'
import { runSql } from '../../../src/db/run-sql'
import { inSavepoint } from '../../../src/db/savepoint'
import type { Channel } from '../collections/Conversations'

export type Contact = { channel: Channel; channelId: string; contactId: string; name?: null | string; tenantId: string }

/** Payload reports a unique index violation as a ValidationError "Value must be unique". */
const isUniqueViolation = (error: unknown) =>
  (error as { code?: string })?.code === '23505' || /unique|duplicate/i.test(`${(error as Error)?.message ?? ''} ${JSON.stringify((error as { data?: unknown })?.data ?? '')}`)

/** What message handling needs of a conversation. */
export type ConversationRef = Pick<Conversation, 'id' | 'tenant' | 'channel' | 'contactName' | 'assignee'>

/** One indexed lookup (tenant, channel_key) — this runs for every inbound message. */
async function find(req: PayloadRequest, tenantId: string, channelKey: string): Promise<ConversationRef | undefined> {
  const [row] = await runSql(req, sql`select id, tenant_id, channel, contact_name, assignee_id from conversations where tenant_id = ${tenantId} and channel_key = ${channelKey} limit 1`)
  if (!row) return undefined
  return { id: String(row.id), tenant: String(row.tenant_id), channel: row.channel as Conversation['channel'], contactName: (row.contact_name as null | string) ?? null, assignee: row.assignee_id ? String(row.assignee_id) : null }
}

/** A WhatsApp contact's customer: the tenant's customer with that phone (wa_id is the number without +). */
async function customerFor(req: PayloadRequest, contact: Contact): Promise<string | null> {
  if (contact.channel !== 'whatsapp' || !/^\d{7,15}$/.test(contact.contactId)) return null
  const { docs } = await req.payload.find({
    collection: 'customers',
    where: { and: [{ tenant: { equals: contact.tenantId } }, { phone: { equals: `+${contact.contactId}` } }] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
  })
  return docs[0]?.id ?? null
}

/**
 * The conversation with this contact on this page or number, opened when it is the first message
 * (then linked to the customer with the contact's phone, if there is one). Two jobs opening the
 * same conversation at once: the unique (tenant, channelKey) index lets one win; the other reads it.
 */
export async function conversationFor(req: PayloadRequest, contact: Contact): Promise<{ conversation: ConversationRef; isNew: boolean }> {
  const channelKey = `${contact.channelId}:${contact.contactId}`
  const existing = await find(req, contact.tenantId, channelKey)
  if (existing) {
    if (contact.name && !existing.contactName) {
      await req.payload.update({ collection: 'conversations', id: existing.id, data: { contactName: contact.name.slice(0, 120) }, overrideAccess: true, req })
    }
    return { conversation: existing, isNew: false }
  }
  const customer = await customerFor(req, contact)
  try {
    // In a savepoint: a lost race fails this create, not the event's whole transaction.
    const conversation = await inSavepoint(req, () => req.payload.create({
      collection: 'conversations',
      data: {
        tenant: contact.tenantId,
        channel: contact.channel,
        ...(contact.channel === 'whatsapp' ? { number: contact.channelId } : { page: contact.channelId }),
        contactId: contact.contactId,
        contactName: contact.name?.slice(0, 120) || (contact.channel === 'whatsapp' ? `+${contact.contactId}` : `Messenger ${contact.contactId.slice(-6)}`),
        customer,
        status: 'open',
        unreadCount: 0,
      },
      overrideAccess: true,
      req,
    }))
    return { conversation, isNew: true }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    const raced = await find(req, contact.tenantId, channelKey)
    if (!raced) throw error
    return { conversation: raced, isNew: false }
  }
}
