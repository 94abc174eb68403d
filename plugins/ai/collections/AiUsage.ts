import type { CollectionConfig } from 'payload'

import { AI_FEATURES } from '../permissions'
import type { ResolvedAiOptions } from '../options'

export const AI_USAGE = 'ai-usage'
export const AI_OUTCOMES = ['ok', 'handoff', 'refused', 'error'] as const
export type AiOutcome = (typeof AI_OUTCOMES)[number]

/**
 * The assistant's ledger: one row per request made to the provider (after its quota unit was
 * taken) — feature, model, tokens in and out, latency, outcome and the conversation; never the
 * prompt or the answer. Written by the system only; the tenant-admin reads it.
 */
export function aiUsageCollection(options: ResolvedAiOptions): CollectionConfig {
  return options.tenantOwned({
    slug: AI_USAGE,
    audit: false,
    typescript: { interface: 'AiUsage' },
    graphQL: { singularName: 'AiUsage', pluralName: 'AiUsages' },
    labels: { singular: 'AI usage', plural: 'AI usage' },
    admin: {
      useAsTitle: 'feature',
      defaultColumns: ['feature', 'outcome', 'tokensIn', 'tokensOut', 'latencyMs', 'createdAt'],
      group: 'Inbox',
      description: 'Every request the assistant made: cost and outcome, never the text.',
    },
    defaultSort: '-createdAt',
    indexes: [{ fields: ['tenant', 'createdAt'] }],
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'feature', type: 'select', required: true, options: [...AI_FEATURES] },
          { name: 'outcome', type: 'select', required: true, options: [...AI_OUTCOMES] },
          { name: 'model', type: 'text', maxLength: 200 },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'tokensIn', type: 'number', defaultValue: 0 },
          { name: 'tokensOut', type: 'number', defaultValue: 0 },
          { name: 'latencyMs', type: 'number', defaultValue: 0 },
          { name: 'calls', type: 'number', defaultValue: 1, admin: { description: 'Provider calls (tool rounds and retries included).' } },
        ],
      },
      { name: 'conversation', type: 'relationship', relationTo: 'conversations' },
      { name: 'message', type: 'relationship', relationTo: 'messages', admin: { description: 'The auto-reply sent, if any.' } },
      { name: 'error', type: 'text', maxLength: 500, admin: { description: 'Why it failed or was handed off (the provider’s status, the rule), never the prompt.' } },
    ],
  })
}
