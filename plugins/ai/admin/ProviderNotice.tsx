import type { ServerProps } from 'payload'

import { AI_OPTIONS_KEY, providerOf, type ResolvedAiOptions } from '../options'

/**
 * Above the AI settings (list and edit view): when the server has no AI provider configured, the
 * line that says so — the settings are kept, but the inbox shows no assistant until the operator
 * sets AI_BASE_URL, AI_API_KEY and AI_MODEL.
 */
export function ProviderNotice({ payload }: ServerProps) {
  const options = payload.config.custom?.[AI_OPTIONS_KEY] as ResolvedAiOptions | undefined
  if (!options) return null
  const provider = providerOf(options)
  if (provider.ok) return null
  return (
    <p className="ai-provider-notice" role="note" style={{ margin: '0 0 1rem', padding: '0.5rem 0.75rem', borderLeft: '3px solid var(--theme-warning-500)' }}>
      {provider.reason} Until then the inbox shows no assistant buttons.
    </p>
  )
}
