import type { PayloadRequest } from 'payload'

import type { BrandingHost } from './host'

export type BrandingSettings = {
  /** @default true — false leaves the config untouched. */
  enabled?: boolean
  /** Versions kept per shop (Payload versions of its settings document). @default 50 */
  maxVersions?: number
  /** Shop-defined fields (README, "Custom fields") on these collections (each gets a `customFields` json field). @default { collections: [] } */
  customFields?: { collections?: string[] }
}

export type BrandingPluginOptions = BrandingSettings & BrandingHost
export type ResolvedBrandingOptions = Required<Omit<BrandingSettings, 'customFields'>> & { customFields: { collections: string[] } } & BrandingHost

export const resolveOptions = (options: BrandingPluginOptions): ResolvedBrandingOptions => ({
  ...options,
  enabled: options.enabled ?? true,
  maxVersions: options.maxVersions ?? 50,
  customFields: { collections: [...(options.customFields?.collections ?? [])] },
})

export const BRANDING_OPTIONS_KEY = 'branding'

export function brandingOptions(config: { custom?: Record<string, unknown> }): ResolvedBrandingOptions {
  const options = config.custom?.[BRANDING_OPTIONS_KEY] as ResolvedBrandingOptions | undefined
  if (!options) throw new Error('plugins/branding: brandingPlugin(options) is not in this config.')
  return options
}

export const hostOf = (req: Pick<PayloadRequest, 'payload'>): ResolvedBrandingOptions => brandingOptions(req.payload.config)
