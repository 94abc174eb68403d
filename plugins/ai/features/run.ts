import type { PayloadRequest } from 'payload'

import type { AiSetting } from '../../../payload-types'
import type { AiOutcome } from '../collections/AiUsage'
import { fail } from '../errors'
import { hostOf, providerOf } from '../options'
import type { AiFeature } from '../permissions'
import { buildPrompt } from '../prompt/build'
import { ground, settingsOf, type Grounding, type ProductRow } from '../prompt/grounding'
import { replyLanguage, type Language } from '../prompt/language'
import { toolsFor } from '../prompt/tools'
import { AiProviderError, chat, type ChatResult } from '../provider/client'
import { recordUsage } from './ledger'

const SWITCH: Record<AiFeature, keyof NonNullable<AiSetting['features']>> = {
  'suggest-reply': 'suggestReply',
  summarise: 'summarise',
  'draft-order': 'draftOrder',
  'auto-reply': 'autoReply',
}
const LABEL: Record<AiFeature, string> = { 'suggest-reply': 'Suggest a reply', summarise: 'Summarise', 'draft-order': 'Draft an order', 'auto-reply': 'Auto-reply' }
const DEFAULT_ON: Record<AiFeature, boolean> = { 'suggest-reply': true, summarise: true, 'draft-order': true, 'auto-reply': false }

export const featureOn = (settings: Partial<AiSetting>, feature: AiFeature): boolean => settings.features?.[SWITCH[feature]] ?? DEFAULT_ON[feature]

export type FeatureRun = {
  feature: AiFeature
  tenantId: string
  conversationId: string
  /** Tools offered (suggest, auto-reply, draft-order); summarise has none. */
  tools: boolean
  json?: boolean
  allowedTopics?: string[]
  /** The shop's settings when already read (the auto-reply job reads them first). */
  settings?: Partial<AiSetting>
}

export type FeatureResult = ChatResult & { grounding: Grounding; language: Language; maxChars: number; seen: Map<string, ProductRow>; latencyMs: number }

/** Why the assistant cannot run here now (not configured, switched off, not in the plan), or null. */
export async function unavailable(req: PayloadRequest, tenantId: string, settings: Partial<AiSetting>, feature: AiFeature): Promise<null | Error> {
  const options = hostOf(req)
  const provider = providerOf(options)
  if (!provider.ok) return fail('not_configured', provider.reason, 503)
  if (!featureOn(settings, feature)) return fail('forbidden', `“${LABEL[feature]}” is switched off in this shop’s AI settings.`, 403)
  try {
    await options.quotas.requireFeature(req, tenantId, 'ai')
  } catch (error) {
    return error as Error
  }
  return null
}

/**
 * One assistant request, the same way for every feature: the provider must be configured, the
 * feature on and in the plan; the prompt's rows are read in the tenant's context (prompt/grounding.ts);
 * one unit of `aiRequestsPerMonth` is taken — and committed — BEFORE the provider is called
 * (refused: 403 `quota_exceeded`, the provider sees nothing, a `refused` ledger row); then the
 * call, outside any transaction (the quota counter is not held during it); then the ledger row
 * (tokens, model, latency, outcome — no text). A provider failure is a 502 `upstream_error`.
 */
export async function runFeature(req: PayloadRequest, run: FeatureRun): Promise<FeatureResult> {
  const options = hostOf(req)
  const settings = run.settings ?? (await settingsOf(req, run.tenantId))
  const refusal = await unavailable(req, run.tenantId, settings, run.feature)
  if (refusal) throw refusal
  const provider = providerOf(options)
  if (!provider.ok) throw fail('not_configured', provider.reason, 503)
  const grounding = await ground(req, run.tenantId, run.conversationId, settings)
  const language = replyLanguage(settings.replyLanguage, grounding.messages)
  const channel = grounding.conversation.channel
  const maxChars = settings.maxReplyChars?.[channel] ?? 600
  const base = { feature: run.feature, tenantId: run.tenantId, conversationId: run.conversationId, model: provider.model }

  try {
    await options.db.withTransaction(req, () => options.quotas.consume(req, run.tenantId, 'aiRequestsPerMonth', 1))
  } catch (error) {
    if (options.quotas.isQuotaExceeded(error)) await recordUsage(req, { ...base, outcome: 'refused', calls: 0, error: 'monthly AI requests used up' })
    throw error
  }

  const seen = new Map(grounding.products.map((p) => [p.name.toLowerCase(), p]))
  const messages = buildPrompt({ feature: run.feature, grounding, language, maxChars, allowedTopics: run.allowedTopics }, options.formatMoney)
  const started = Date.now()
  try {
    const result = await chat(options, provider, {
      messages,
      tools: run.tools ? toolsFor(req, grounding, seen) : undefined,
      maxTokens: Math.max(64, Math.ceil(maxChars / 2)),
      json: run.json,
    })
    return { ...result, grounding, language, maxChars, seen, latencyMs: Date.now() - started }
  } catch (error) {
    const latencyMs = Date.now() - started
    if (error instanceof AiProviderError) {
      await recordUsage(req, { ...base, outcome: 'error', calls: error.calls, latencyMs, error: `provider ${error.status ?? 'unreachable'}` })
      throw fail('upstream_error', error.message, 502, { provider: 'ai', providerStatus: error.status })
    }
    throw error
  }
}

/** The ledger row of a request that answered. */
export async function recordAnswer(req: PayloadRequest, run: Pick<FeatureRun, 'feature' | 'tenantId' | 'conversationId'>, result: FeatureResult, outcome: AiOutcome, messageId?: string, note?: string) {
  await recordUsage(req, {
    feature: run.feature,
    tenantId: run.tenantId,
    conversationId: run.conversationId,
    model: result.model,
    outcome,
    calls: result.calls,
    tokensIn: result.tokensIn,
    tokensOut: result.tokensOut,
    latencyMs: result.latencyMs,
    messageId,
    error: note?.slice(0, 500),
  })
}
