import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { invalidFields } from '../errors'
import type { ResolvedBrandingOptions } from '../options'
import { brandingProblems } from './branding-checks'

/**
 * The host's tenants keep a copy of the branding (what the admin applies); a write there — the
 * tenants collection's own form or API — gets the same checks as the settings document: colours
 * with AA-contrasting text, custom CSS sanitised and scoped, so nothing reaches the admin unchecked.
 */
export function withTenantBrandingChecks(collection: CollectionConfig, options: ResolvedBrandingOptions): CollectionConfig {
  const check: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
    if (!data.branding || typeof data.branding !== 'object') return data
    const merged = { ...(originalDoc?.branding ?? {}), ...data.branding } as Record<string, unknown>
    const problems = brandingProblems(merged, options)
    if (problems.errors.length) throw invalidFields(problems.errors.map((e) => ({ ...e, path: `branding.${e.path}` })))
    return 'customCss' in data.branding && problems.css !== undefined ? { ...data, branding: { ...data.branding, customCss: problems.css } } : data
  }
  return { ...collection, hooks: { ...collection.hooks, beforeChange: [check, ...(collection.hooks?.beforeChange ?? [])] } }
}
