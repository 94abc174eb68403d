import type { Config } from 'payload'

import { aiSettingsCollection } from './collections/AiSettings'
import { aiUsageCollection } from './collections/AiUsage'
import { draftOrderEndpoint, suggestReplyEndpoint, summariseEndpoint } from './endpoints/assist'
import { statusEndpoint } from './endpoints/status'
import { autoReplyTask } from './jobs/auto-reply'
import { AI_OPTIONS_KEY, resolveOptions, type AiPluginOptions } from './options'

export type { AiPluginOptions, AiPluginSettings } from './options'
export type { AiHost, ShopFacts, TenantWork } from './host'
export { queueAutoReply, AUTO_REPLY_TASK, type AutoReplyOutcome } from './features/auto-reply'
export { AI_FEATURES, AI_PERMISSIONS, AI_ROLES, type AiCollection, type AiFeature } from './permissions'

/**
 * The inbox assistant (plugins/ai/README.md): per-shop AI settings and a usage ledger (tenant-owned,
 * row-level security), the suggest-reply, summarise and draft-order endpoints, and the opt-in
 * auto-reply job, over an OpenAI-compatible chat-completions provider (`AI_BASE_URL`, `AI_API_KEY`,
 * `AI_MODEL`). Every request takes one unit of `aiRequestsPerMonth` before the provider is called.
 * List it before the multi-tenant plugin (its collections get their `tenant` field there) and
 * after the meta plugin (it reads the inbox's collections by slug). The host passes its pieces in
 * the options (host.ts) and merges AI_PERMISSIONS into its matrix.
 */
export const aiPlugin =
  (pluginOptions: AiPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    return options.jobs.withTasks(
      {
        ...config,
        collections: [...(config.collections ?? []), aiSettingsCollection(options), aiUsageCollection(options)],
        endpoints: [...(config.endpoints ?? []), statusEndpoint, suggestReplyEndpoint, summariseEndpoint, draftOrderEndpoint],
        custom: { ...config.custom, [AI_OPTIONS_KEY]: options },
      },
      [autoReplyTask(options)],
    )
  }
