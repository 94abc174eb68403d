import type { MetaHost } from '../host'
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from '../model'
import { submitTemplate } from '../templates/submit-template'

/**
 * WhatsApp message templates of one number's WhatsApp Business Account. Creating one submits it
 * to Meta (status PENDING); Meta's `message_template_status_update` webhook approves or rejects
 * it; "Sync templates" (POST /api/message-templates/sync) copies the WABA's list.
 */
export const messageTemplatesCollection = ({ tenantOwned }: Pick<MetaHost, 'tenantOwned'>) =>
  tenantOwned({
    slug: 'message-templates',
    admin: {
      useAsTitle: 'name',
      defaultColumns: ['name', 'language', 'category', 'status', 'number'],
      group: 'Inbox',
      components: { beforeListTable: ['/plugins/meta/admin/SyncTemplatesButton#SyncTemplatesButton'] },
    },
    indexes: [{ fields: ['tenant', 'wabaId', 'name', 'language'], unique: true }, { fields: ['tenant', 'metaId'] }],
    hooks: { beforeChange: [submitTemplate] },
    fields: [
      { name: 'number', type: 'relationship', relationTo: 'numbers', required: true, admin: { description: 'Templates belong to this number’s WhatsApp Business Account.' } },
      {
        type: 'row',
        fields: [
          {
            name: 'name',
            type: 'text',
            required: true,
            maxLength: 512,
            validate: (v: null | string | undefined) => (!v || /^[a-z0-9_]+$/.test(v) ? true : 'Lowercase letters, digits and underscores only (e.g. order_update).'),
          },
          {
            name: 'language',
            type: 'text',
            required: true,
            defaultValue: 'en_US',
            maxLength: 16,
            validate: (v: null | string | undefined) => (!v || /^[a-z]{2,3}(_[A-Z]{2})?$/.test(v) ? true : 'A language code like en_US or bn.'),
          },
          { name: 'category', type: 'select', required: true, defaultValue: 'UTILITY', options: [...TEMPLATE_CATEGORIES] },
        ],
      },
      { name: 'description', type: 'textarea', maxLength: 500, admin: { description: 'For your team: when to use this template (not sent).' } },
      { name: 'headerText', type: 'text', maxLength: 60 },
      { name: 'bodyText', type: 'textarea', required: true, maxLength: 1024, admin: { description: 'Use {{1}}, {{2}}, … for the values given when sending.' } },
      { name: 'bodyExamples', type: 'text', hasMany: true, maxLength: 200, admin: { description: 'An example value for each {{n}} (Meta requires them for review).' } },
      { name: 'footerText', type: 'text', maxLength: 60 },
      {
        type: 'row',
        fields: [
          { name: 'status', type: 'select', options: [...TEMPLATE_STATUSES], admin: { readOnly: true } },
          { name: 'metaId', type: 'text', admin: { readOnly: true } },
          { name: 'wabaId', type: 'text', admin: { readOnly: true } },
        ],
      },
      { name: 'rejectedReason', type: 'text', admin: { readOnly: true, condition: (d) => d?.status === 'REJECTED' } },
      { name: 'components', type: 'json', admin: { readOnly: true, description: 'The template as Meta has it.' } },
      { name: 'syncedAt', type: 'date', admin: { readOnly: true } },
    ],
  })
