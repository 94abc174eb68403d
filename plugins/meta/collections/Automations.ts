import { forgetRules } from '../automations/run-automations'
import type { MetaHost } from '../host'
import { ACTIONS, TRIGGERS, WEEKDAYS } from '../model'

const validRegex = (value: null | string | undefined, { siblingData }: { siblingData?: { trigger?: string } }) => {
  if (siblingData?.trigger !== 'regex') return true
  if (!value) return 'A regex rule needs a pattern.'
  try {
    new RegExp(value, 'iu')
    return true
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`
  }
}

/**
 * The tenant's rules, evaluated on every inbound message of its own conversations
 * (automations/evaluate.ts), in priority order: keyword or regex → reply with a text or a
 * template; outside business hours → an auto-reply (once per conversation per cooldown); a new
 * conversation → assigned round-robin to the tenant's staff of a role.
 */
export const automationsCollection = ({ tenantOwned }: Pick<MetaHost, 'tenantOwned'>) =>
  tenantOwned({
    slug: 'automations',
    admin: { useAsTitle: 'name', defaultColumns: ['name', 'trigger', 'action', 'enabled', 'priority', 'firedCount'], group: 'Inbox' },
    indexes: [{ fields: ['tenant', 'enabled', 'priority'] }],
    hooks: { afterChange: [forgetRules], afterDelete: [forgetRules] },
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'name', type: 'text', required: true, maxLength: 120 },
          { name: 'enabled', type: 'checkbox', defaultValue: true },
          { name: 'priority', type: 'number', defaultValue: 100, admin: { description: 'Lower runs first.' } },
          { name: 'channel', type: 'select', defaultValue: 'any', options: ['any', 'whatsapp', 'messenger'] },
        ],
      },
      { name: 'trigger', type: 'select', required: true, defaultValue: 'keyword', options: [...TRIGGERS] },
      {
        name: 'keywords',
        type: 'text',
        hasMany: true,
        maxLength: 60,
        admin: { condition: (d) => d?.trigger === 'keyword', description: 'Matches a message containing any of these words (any case).' },
        validate: (v: null | string[] | undefined, { siblingData }: { siblingData?: { trigger?: string } }) =>
          siblingData?.trigger !== 'keyword' || (Array.isArray(v) && v.some((k) => k.trim())) ? true : 'A keyword rule needs at least one keyword.',
      },
      {
        name: 'pattern',
        type: 'text',
        maxLength: 200,
        validate: validRegex as never,
        admin: { condition: (d) => d?.trigger === 'regex', description: 'A JavaScript regular expression, matched without regard to case.' },
      },
      {
        type: 'row',
        admin: { condition: (d) => d?.trigger === 'outside-business-hours' },
        fields: [
          {
            name: 'opensAt',
            type: 'text',
            maxLength: 5,
            admin: { placeholder: '09:00', description: 'Empty: the tenant’s business hours.' },
            validate: (v: null | string | undefined) => (!v || /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? true : 'Use HH:MM (24-hour).'),
          },
          {
            name: 'closesAt',
            type: 'text',
            maxLength: 5,
            admin: { placeholder: '21:00' },
            validate: (v: null | string | undefined) => (!v || /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? true : 'Use HH:MM (24-hour).'),
          },
          { name: 'days', type: 'select', hasMany: true, options: [...WEEKDAYS], admin: { description: 'Open days; empty: every day.' } },
          { name: 'cooldownMinutes', type: 'number', defaultValue: 60, min: 0, admin: { description: 'At most one auto-reply per conversation in this time.' } },
        ],
      },
      { name: 'action', type: 'select', required: true, defaultValue: 'reply-text', options: [...ACTIONS] },
      {
        name: 'replyText',
        type: 'textarea',
        maxLength: 4096,
        admin: { condition: (d) => d?.action === 'reply-text' },
        validate: (v: null | string | undefined, { siblingData }: { siblingData?: { action?: string } }) =>
          siblingData?.action !== 'reply-text' || (v && v.trim()) ? true : 'A reply rule needs the reply’s text.',
      },
      {
        name: 'template',
        type: 'relationship',
        relationTo: 'message-templates',
        admin: { condition: (d) => d?.action === 'reply-template' },
        validate: (v: unknown, { siblingData }: { siblingData?: { action?: string } }) => (siblingData?.action !== 'reply-template' || v ? true : 'A template reply needs a template.'),
      },
      {
        name: 'templateParameters',
        type: 'text',
        hasMany: true,
        maxLength: 200,
        admin: { condition: (d) => d?.action === 'reply-template', description: 'Values for {{1}}, {{2}}, …; {{name}} is the contact’s name.' },
      },
      { name: 'assignRole', type: 'select', defaultValue: 'support-agent', options: ['support-agent', 'sales-operator', 'tenant-admin'], admin: { condition: (d) => d?.action === 'assign-round-robin' } },
      { name: 'stopAfterMatch', type: 'checkbox', defaultValue: true, admin: { description: 'Do not run later rules when this one fires.' } },
      {
        type: 'row',
        fields: [
          { name: 'firedCount', type: 'number', defaultValue: 0, admin: { readOnly: true } },
          { name: 'lastFiredAt', type: 'date', admin: { readOnly: true } },
          { name: 'roundRobinCursor', type: 'number', defaultValue: 0, admin: { hidden: true } },
        ],
      },
    ],
  })
