import type { PayloadRequest } from 'payload'

import type { AiHost } from './host'

/** The plugin's own settings (all optional, documented defaults). */
export type AiPluginSettings = {
  /** @default true — false leaves the config untouched. */
  enabled?: boolean
  /** The OpenAI-compatible API's base URL (…/v1). Read at call time. @default process.env.AI_BASE_URL */
  baseURL?: string
  /** @default process.env.AI_API_KEY */
  apiKey?: string
  /** @default process.env.AI_MODEL */
  model?: string
  /** Retries of a 429 / 5xx / connection failure (the openai client's own, with its backoff and `retry-after`). @default 2 */
  maxRetries?: number
  /** A provider call that takes longer is abandoned. @default 30_000 */
  timeoutMs?: number
  /** The conversation's newest messages the prompt carries. @default 20 */
  contextMessages?: number
  /** Products listed in the prompt's catalogue block (the rest are reached by the `search_products` tool). @default 30 */
  catalogueProducts?: number
  /** Queued auto-replies start in this process this soon (0: the job runner's poll). @default process.env.AI_JOBS_DEBOUNCE_MS ?? 100 */
  runJobsAfterMs?: number
}

export type AiPluginOptions = AiPluginSettings & AiHost

export type ResolvedAiOptions = Required<Omit<AiPluginSettings, 'baseURL' | 'apiKey' | 'model'>> & Pick<AiPluginSettings, 'baseURL' | 'apiKey' | 'model'> & AiHost

export function resolveOptions(options: AiPluginOptions): ResolvedAiOptions {
  return {
    ...options,
    enabled: options.enabled ?? true,
    maxRetries: options.maxRetries ?? 2,
    timeoutMs: options.timeoutMs ?? 30_000,
    contextMessages: options.contextMessages ?? 20,
    catalogueProducts: options.catalogueProducts ?? 30,
    runJobsAfterMs: options.runJobsAfterMs ?? (Number.isFinite(Number(process.env.AI_JOBS_DEBOUNCE_MS ?? 100)) ? Number(process.env.AI_JOBS_DEBOUNCE_MS ?? 100) : 100),
  }
}

export const AI_OPTIONS_KEY = 'ai'

/** The options of the running config (kept in `config.custom`, server-side only). */
export function hostOf(req: Pick<PayloadRequest, 'payload'>): ResolvedAiOptions {
  const options = req.payload.config.custom?.[AI_OPTIONS_KEY] as ResolvedAiOptions | undefined
  if (!options) throw new Error('plugins/ai: aiPlugin(options) is not in this config.')
  return options
}

/** The provider as configured now (environment read at call time), or why it is not. */
export type Provider = { ok: true; baseURL: string; apiKey: string; model: string } | { ok: false; reason: string }

export function providerOf(options: ResolvedAiOptions): Provider {
  const baseURL = options.baseURL ?? process.env.AI_BASE_URL ?? ''
  const apiKey = options.apiKey ?? process.env.AI_API_KEY ?? ''
  const model = options.model ?? process.env.AI_MODEL ?? ''
  const missing = [!baseURL && 'AI_BASE_URL', !apiKey && 'AI_API_KEY', !model && 'AI_MODEL'].filter(Boolean)
  if (missing.length > 0) return { ok: false, reason: `The AI assistant is not set up on this server: the operator must set ${missing.join(', ')}.` }
  return { ok: true, baseURL: baseURL.replace(/\/+$/, ''), apiKey, model }
}
