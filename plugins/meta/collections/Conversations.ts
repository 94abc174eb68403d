import type { CollectionBeforeChangeHook } from 'payload'

import { tenantOwned } from '../../../collections/tenantOwned'
import { idOf } from '../../../src/tenancy/memberships'

/** `<page or number id>:<contact id>`, set on create: one conversation per contact per channel. */
const channelKey: CollectionBeforeChangeHook = ({ data, operation }) => {
  if (operation === 'create') data.channelKey = `${idOf(data.channel === 'whatsapp' ? data.number : data.page) ?? ''}:${data.contactId}`
  else delete data.channelKey
  return data
}

export const CHANNELS = ['whatsapp', 'messenger'] as const
export type Channel = (typeof CHANNELS)[number]

/**
 * One thread with one contact on one page or number. Opened by the first inbound message
 * (plugins/meta/inbound), never by hand; staff assign, close and link a customer. `channelKey`
 * (`<page or number id>:<contact id>`) is what makes a thread unique within the tenant.
 */
export const Conversations = tenantOwned({
  slug: 'conversations',
  audit: false,
  admin: {
    useAsTitle: 'contactName',
    defaultColumns: ['contactName', 'channel', 'lastMessagePreview', 'unreadCount', 'assignee', 'lastMessageAt'],
    group: 'Inbox',
  },
  defaultSort: '-lastMessageAt',
  hooks: { beforeChange: [channelKey] },
  indexes: [{ fields: ['tenant', 'channelKey'], unique: true }, { fields: ['tenant', 'lastMessageAt'] }],
  fields: [
    { type: 'row', fields: [
      { name: 'channel', type: 'select', required: true, options: [...CHANNELS], admin: { readOnly: true } },
      { name: 'number', type: 'relationship', relationTo: 'numbers', admin: { readOnly: true, condition: (d) => d?.channel === 'whatsapp' } },
      { name: 'page', type: 'relationship', relationTo: 'pages', admin: { readOnly: true, condition: (d) => d?.channel === 'messenger' } },
    ] },
    { type: 'row', fields: [
      { name: 'contactId', type: 'text', required: true, maxLength: 64, admin: { readOnly: true, description: 'WhatsApp id (wa_id) or Messenger page-scoped id (PSID).' } },
      { name: 'contactName', type: 'text', maxLength: 120, admin: { readOnly: true } },
    ] },
    { name: 'channelKey', type: 'text', admin: { hidden: true, readOnly: true } },
    { name: 'customer', type: 'relationship', relationTo: 'customers' },
    { type: 'row', fields: [
      { name: 'assignee', type: 'relationship', relationTo: 'users' },
      { name: 'status', type: 'select', required: true, defaultValue: 'open', options: ['open', 'closed'] },
      { name: 'unreadCount', type: 'number', defaultValue: 0, min: 0 },
    ] },
    { name: 'lastMessagePreview', type: 'text', maxLength: 200, admin: { readOnly: true } },
    { type: 'row', fields: [
      { name: 'lastMessageAt', type: 'date', index: true, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      { name: 'lastInboundAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' }, description: 'The customer’s last message: free-form replies are allowed for 24 hours after it.' } },
    ] },
  ],
})
