import type { CollectionConfig } from 'payload'

import type { ResolvedAiOptions } from '../options'

export const AI_SETTINGS = 'ai-settings'

/** When the auto-reply may answer by itself (besides the hand-off rules, which always win). */
export const AUTO_REPLY_WHEN = [
  { label: 'Outside business hours (any question)', value: 'outside-hours' },
  { label: 'Price questions', value: 'price' },
  { label: 'Stock questions', value: 'stock' },
  { label: 'Delivery status questions', value: 'delivery-status' },
] as const

/**
 * One shop's assistant (one document per shop — the first created is the one used — the tenant-admin's): which features are on, the
 * persona and tone, a system prompt addition, the delivery policy / FAQ text the replies are
 * grounded on, the hand-off keywords, the longest reply per channel and the auto-reply opt-in
 * per page and number. Changes go to the audit trail (the host's tenant-owned factory).
 */
export function aiSettingsCollection(options: ResolvedAiOptions): CollectionConfig {
  return options.tenantOwned({
    slug: AI_SETTINGS,
    typescript: { interface: 'AiSetting' },
    graphQL: { singularName: 'AiSetting', pluralName: 'AiSettings' },
    labels: { singular: 'AI settings', plural: 'AI settings' },
    admin: {
      useAsTitle: 'persona',
      defaultColumns: ['persona', 'tone', 'updatedAt'],
      group: 'Inbox',
      description: 'The inbox assistant of this shop: what it may do, how it speaks, what it knows.',
      components: { beforeList: ['/plugins/ai/admin/ProviderNotice#ProviderNotice'], edit: { beforeDocumentControls: ['/plugins/ai/admin/ProviderNotice#ProviderNotice'] } },
    },
    fields: [
      {
        name: 'features',
        type: 'group',
        admin: { description: 'Each assistant feature on or off for this shop.' },
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'suggestReply', type: 'checkbox', defaultValue: true, label: 'Suggest a reply' },
              { name: 'summarise', type: 'checkbox', defaultValue: true, label: 'Summarise a conversation' },
              { name: 'draftOrder', type: 'checkbox', defaultValue: true, label: 'Draft an order' },
              { name: 'autoReply', type: 'checkbox', defaultValue: false, label: 'Auto-reply (opt-in per page / number below)' },
            ],
          },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'persona', type: 'text', maxLength: 200, admin: { description: 'Who the assistant speaks as, e.g. “Acme Gadgets’ customer desk”.' } },
          { name: 'tone', type: 'select', defaultValue: 'friendly', options: ['friendly', 'formal', 'concise'] },
          {
            name: 'replyLanguage',
            type: 'select',
            defaultValue: 'auto',
            options: [
              { label: 'The conversation’s (Bangla script → Bangla, else English)', value: 'auto' },
              { label: 'Always Bangla', value: 'bn' },
              { label: 'Always English', value: 'en' },
            ],
          },
        ],
      },
      { name: 'instructions', type: 'textarea', maxLength: 2000, admin: { description: 'Added to the assistant’s instructions (it cannot override the platform’s rules).' } },
      { name: 'policy', type: 'textarea', maxLength: 8000, label: 'Delivery policy and FAQ', admin: { description: 'What replies may quote: delivery areas and times, charges, returns, payment.' } },
      { name: 'handoffKeywords', type: 'text', hasMany: true, maxLength: 100, admin: { description: 'A customer message containing one of these goes to a person, never to the auto-reply.' } },
      {
        name: 'maxReplyChars',
        type: 'group',
        label: 'Longest reply',
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'whatsapp', type: 'number', defaultValue: 600, min: 50, max: 4096 },
              { name: 'messenger', type: 'number', defaultValue: 600, min: 50, max: 1999 },
            ],
          },
        ],
      },
      {
        name: 'autoReply',
        type: 'group',
        admin: { condition: (data) => Boolean(data?.features?.autoReply), description: 'The auto-reply answers only on these pages and numbers, within 24 hours of the customer’s message.' },
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'numbers', type: 'relationship', relationTo: 'numbers', hasMany: true },
              { name: 'pages', type: 'relationship', relationTo: 'pages', hasMany: true },
            ],
          },
          { name: 'when', type: 'select', hasMany: true, defaultValue: ['outside-hours', 'price', 'stock', 'delivery-status'], options: [...AUTO_REPLY_WHEN] },
          { name: 'handoffTo', type: 'relationship', relationTo: 'users', admin: { description: 'Whom a handed-off conversation is assigned to (else it stays unassigned); the tenant-admins are emailed.' } },
        ],
      },
    ],
  })
}
