import type { MetaHost } from '../host'
import { MESSAGE_STATUSES, MESSAGE_TYPES } from '../model'
import { checkOutbound } from '../send/check-outbound'
import { queueSend } from '../send/queue-send'

/** Kept by the platform (webhooks, the send job, check-outbound.ts): read-only in the admin, not writable over the API. */
const system = { readOnly: true }

/**
 * One message of a conversation. Inbound ones come from webhooks; staff create outbound ones
 * (text or template) over the admin inbox, REST, GraphQL or the Local API: the create checks the
 * 24-hour window and the monthly message quota (check-outbound.ts) and queues the send
 * (send/task.ts); delivery statuses arrive by webhook.
 */
export const messagesCollection = ({ tenantOwned, access: { systemOnly: access } }: Pick<MetaHost, 'tenantOwned' | 'access'>) =>
  tenantOwned({
    slug: 'messages',
    audit: false,
    admin: { useAsTitle: 'text', defaultColumns: ['conversation', 'direction', 'type', 'text', 'status', 'createdAt'], group: 'Inbox' },
    defaultSort: '-createdAt',
    indexes: [{ fields: ['tenant', 'metaId'], unique: true }, { fields: ['conversation', 'createdAt'] }],
    hooks: { beforeChange: [checkOutbound], afterChange: [queueSend] },
    fields: [
      { name: 'conversation', type: 'relationship', relationTo: 'conversations', required: true, index: true, access: { update: () => false } },
      {
        type: 'row',
        fields: [
          { name: 'direction', type: 'select', required: true, defaultValue: 'outbound', options: ['inbound', 'outbound'], access, admin: system },
          { name: 'type', type: 'select', required: true, defaultValue: 'text', options: [...MESSAGE_TYPES] },
          { name: 'status', type: 'select', options: [...MESSAGE_STATUSES], access, admin: system },
        ],
      },
      { name: 'text', type: 'textarea', maxLength: 4096 },
      {
        name: 'template',
        type: 'group',
        admin: { condition: (d) => d?.type === 'template' },
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'name', type: 'text', maxLength: 512 },
              { name: 'language', type: 'text', maxLength: 16, defaultValue: 'en_US' },
            ],
          },
          { name: 'parameters', type: 'text', hasMany: true, maxLength: 1024, admin: { description: 'Values of {{1}}, {{2}}, … of the body, in order.' } },
        ],
      },
      { name: 'tag', type: 'select', options: ['HUMAN_AGENT'], admin: { description: 'Messenger only: lets a person answer up to 7 days after the customer’s last message.' } },
      { name: 'metaId', type: 'text', maxLength: 200, access, admin: { ...system, description: 'wamid or Messenger mid' } },
      {
        name: 'error',
        type: 'group',
        access,
        admin: { ...system, condition: (d) => d?.status === 'failed' },
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'code', type: 'number', admin: system },
              { name: 'title', type: 'text', admin: system },
            ],
          },
          { name: 'details', type: 'text', admin: system },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'sentAt', type: 'date', access, admin: system },
          { name: 'deliveredAt', type: 'date', access, admin: system },
          { name: 'readAt', type: 'date', access, admin: system },
          { name: 'failedAt', type: 'date', access, admin: system },
        ],
      },
      { name: 'attachment', type: 'json', access, admin: { ...system, description: 'Media id / url of a non-text inbound message.' } },
      {
        type: 'row',
        fields: [
          { name: 'sentBy', type: 'relationship', relationTo: 'users', access, admin: system },
          { name: 'automation', type: 'relationship', relationTo: 'automations', access, admin: system },
        ],
      },
    ],
  })
