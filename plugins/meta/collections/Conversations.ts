import type { CollectionBeforeChangeHook, FieldAccess } from 'payload'

import type { MetaHost } from '../host'
import { idOf } from '../ids'
import { CHANNELS } from '../model'

/** `<page or number id>:<contact id>`, set on create: one conversation per contact per channel. */
const channelKey: CollectionBeforeChangeHook = ({ data, operation }) => {
  if (operation === 'create') data.channelKey = `${idOf(data.channel === 'whatsapp' ? data.number : data.page) ?? ''}:${data.contactId}`
  else delete data.channelKey
  return data
}

/**
 * What a thread is (its channel, page or number, contact): set when it is opened — by the
 * plugin, or by the super-admin by hand — and never changed through the API.
 */
const identityAccess = (isSuperAdmin: MetaHost['access']['isSuperAdmin']): { create: FieldAccess; update: FieldAccess } => ({
  create: ({ req }) => isSuperAdmin(req.user),
  update: () => false,
})

/**
 * One thread with one contact on one page or number. Opened by the first inbound message
 * (plugins/meta/inbound), never by hand; staff assign, close and link a customer — everything
 * else (channel keys, unread count, last message, the reply window) the platform maintains, and
 * API callers cannot write it (`access`; "mark read" is POST /api/conversations/:id/read).
 * `channelKey` (`<page or number id>:<contact id>`) makes a thread unique within the tenant.
 */
export const conversationsCollection = ({ tenantOwned, access }: Pick<MetaHost, 'tenantOwned' | 'access'>) => {
  const identity = identityAccess(access.isSuperAdmin)
  const system = access.systemOnly
  return tenantOwned({
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
      {
        type: 'row',
        fields: [
          { name: 'channel', type: 'select', required: true, options: [...CHANNELS], access: identity, admin: { readOnly: true } },
          { name: 'number', type: 'relationship', relationTo: 'numbers', access: identity, admin: { readOnly: true, condition: (d) => d?.channel === 'whatsapp' } },
          { name: 'page', type: 'relationship', relationTo: 'pages', access: identity, admin: { readOnly: true, condition: (d) => d?.channel === 'messenger' } },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'contactId', type: 'text', required: true, maxLength: 64, access: identity, admin: { readOnly: true, description: 'WhatsApp id (wa_id) or Messenger page-scoped id (PSID).' } },
          { name: 'contactName', type: 'text', maxLength: 120, access: identity, admin: { readOnly: true } },
        ],
      },
      { name: 'channelKey', type: 'text', access: system, admin: { hidden: true, readOnly: true } },
      { name: 'customer', type: 'relationship', relationTo: 'customers' },
      {
        type: 'row',
        fields: [
          { name: 'assignee', type: 'relationship', relationTo: 'users' },
          { name: 'status', type: 'select', required: true, defaultValue: 'open', options: ['open', 'closed'] },
          { name: 'unreadCount', type: 'number', defaultValue: 0, min: 0, access: system, admin: { readOnly: true } },
        ],
      },
      { name: 'lastMessagePreview', type: 'text', maxLength: 200, access: system, admin: { readOnly: true } },
      {
        type: 'row',
        fields: [
          { name: 'lastMessageAt', type: 'date', index: true, access: system, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
          {
            name: 'lastInboundAt',
            type: 'date',
            access: system,
            admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' }, description: 'The customer’s last message: free-form replies are allowed for 24 hours after it.' },
          },
        ],
      },
    ],
  })
}
