import type { Payload, PayloadRequest } from 'payload'

import { INBOUND_WRITE } from '../../plugins/meta'
import type { Tenant } from '../../payload-types'
import { demoRecords } from './demo-extras'

type Ctx = { payload: Payload; req: PayloadRequest }
const MINUTE = 60_000

/**
 * A demo inbox for one tenant: a WhatsApp conversation with its first customer (asked, answered
 * and read, then a new unread question) and a keyword automation. Stored as data — nothing is
 * sent to Meta. Skipped when the tenant already has conversations.
 */
export async function seedInbox({ payload, req }: Ctx, tenant: Tenant, index: number): Promise<number> {
  const system = { overrideAccess: true, req, depth: 0 } as const
  const existing = await payload.count({ collection: 'conversations', where: { tenant: { equals: tenant.id } }, ...system })
  if (existing.totalDocs > 0) return 0
  const records = demoRecords(index, tenant.name)
  // One after the other: the seed's transaction is one connection.
  const number = await payload.find({ collection: 'numbers', where: { phoneNumberId: { equals: records.number.phoneNumberId } }, limit: 1, ...system })
  const customer = await payload.find({ collection: 'customers', where: { and: [{ tenant: { equals: tenant.id } }, { phone: { equals: records.customers[0].phone } }] }, limit: 1, ...system })
  if (!number.docs[0]) return 0
  const now = Date.now()
  const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString()
  const conversation = await payload.create({
    collection: 'conversations',
    data: {
      tenant: tenant.id,
      channel: 'whatsapp',
      number: number.docs[0].id,
      contactId: records.customers[0].phone.slice(1),
      contactName: records.customers[0].name,
      customer: customer.docs[0]?.id ?? null,
      status: 'open',
      unreadCount: 1,
      lastInboundAt: at(12),
      lastMessageAt: at(12),
      lastMessagePreview: 'Can you deliver to Dhanmondi by Friday?',
    },
    ...system,
  })
  const thread = [
    { direction: 'inbound', text: 'Hi! Is the 20,000 mAh power bank still in stock?', status: 'received', minutesAgo: 130 },
    { direction: 'outbound', text: 'Yes, 14 left. It is 2,450 BDT with cash on delivery.', status: 'read', minutesAgo: 122 },
    { direction: 'inbound', text: 'Can you deliver to Dhanmondi by Friday?', status: 'received', minutesAgo: 12 },
  ] as const
  for (const [i, m] of thread.entries()) {
    await payload.create({
      collection: 'messages',
      data: {
        tenant: tenant.id,
        conversation: conversation.id,
        direction: m.direction,
        type: 'text',
        text: m.text,
        status: m.status,
        metaId: `wamid.demo-${index}-${i}`,
        ...(m.direction === 'outbound' ? { sentAt: at(m.minutesAgo), readAt: at(m.minutesAgo - 3) } : {}),
      },
      context: { [INBOUND_WRITE]: true },
      ...system,
    })
  }
  await payload.create({
    collection: 'automations',
    data: {
      tenant: tenant.id,
      name: 'Prices',
      trigger: 'keyword',
      keywords: ['price', 'দাম'],
      action: 'reply-text',
      replyText: `Our prices are on ${tenant.name}'s page; ask us about any product!`,
      priority: 10,
    },
    ...system,
  })
  return 5
}
