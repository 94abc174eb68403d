import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig, Field, TextFieldSingleValidation } from 'payload'

import { applySchema } from '../config/schema'
import { invalidFields } from '../errors'
import type { ResolvedBrandingOptions } from '../options'
import { brandingProblems } from './branding-checks'

export const SHOP_SETTINGS = 'shop-settings'
export const THEMES = ['light', 'dark', 'auto'] as const

const hex: TextFieldSingleValidation = (value) => (value == null || value === '' || (typeof value === 'string' && /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value)) ? true : 'Use a hex colour like #1a73e8.')

export const brandingFields: Field[] = [
  { name: 'logo', type: 'upload', relationTo: 'media' },
  { name: 'icon', type: 'upload', relationTo: 'media', admin: { description: 'Square; the nav and the favicon.' } },
  {
    type: 'row',
    fields: [
      { name: 'primaryColor', type: 'text', validate: hex },
      { name: 'secondaryColor', type: 'text', validate: hex },
      { name: 'accentColor', type: 'text', validate: hex },
    ],
  },
  { name: 'theme', type: 'select', defaultValue: 'auto', options: [...THEMES] },
  { name: 'titleSuffix', type: 'text', maxLength: 60, admin: { description: 'After each admin page’s title, e.g. “Acme Gadgets admin”.' } },
  { name: 'customCss', type: 'code', maxLength: 20_000, admin: { language: 'css', description: 'Scoped to your shop’s admin; see the README for what is allowed.' } },
  {
    type: 'row',
    fields: [
      { name: 'senderName', type: 'text', maxLength: 80, admin: { description: 'The name your emails come from.' } },
      { name: 'supportEmail', type: 'email', admin: { description: 'Replies to your emails go here.' } },
    ],
  },
  { name: 'emailFooter', type: 'textarea', maxLength: 500 },
]

/** Before a save: the configuration checked against the schema (defaults filled), the branding's colours and CSS checked; who saved it, for the version history. */
const validate =
  (options: ResolvedBrandingOptions): CollectionBeforeChangeHook =>
  ({ data, originalDoc, req }) => {
    const next = { ...data }
    if ('config' in next) {
      const applied = applySchema(options.configSchema, next.config ?? {}, {})
      if (!applied.ok) throw invalidFields(applied.errors.map((e) => ({ ...e, path: `config.${e.path}` })))
      next.config = applied.value
    } else if (!originalDoc?.config) {
      const filled = applySchema(options.configSchema, {}, {})
      if (filled.ok) next.config = filled.value
    }
    const problems = brandingProblems({ ...(originalDoc?.branding ?? {}), ...(next.branding ?? {}) }, options)
    if (problems.errors.length) throw invalidFields(problems.errors.map((e) => ({ ...e, path: `branding.${e.path}` })))
    if (next.branding && problems.css !== undefined && 'customCss' in next.branding) next.branding = { ...next.branding, customCss: problems.css }
    next.changedBy = req.user ? (req.user as { email?: string }).email : 'system'
    return next
  }

/** After a save (or a restored version): the tenant record carries the same settings and branding, which the rest of the app reads. */
const syncTenant: CollectionAfterChangeHook = async ({ doc, req }) => {
  const tenantId = typeof doc.tenant === 'object' ? doc.tenant?.id : doc.tenant
  if (!tenantId) return doc
  const b = (doc.branding ?? {}) as Record<string, unknown>
  const idOf = (v: unknown) => (v && typeof v === 'object' ? (v as { id: string }).id : (v ?? null))
  // The tenant's own required fields go along: Payload's version restore validates the update
  // against a data object without the stored document's values.
  const tenant = await req.payload.findByID({ collection: 'tenants', id: String(tenantId), depth: 0, overrideAccess: true, req })
  await req.payload.update({
    collection: 'tenants',
    id: String(tenantId),
    depth: 0,
    overrideAccess: true,
    req,
    data: {
      name: tenant.name,
      slug: tenant.slug,
      status: tenant.status,
      settings: doc.config,
      branding: {
        logo: idOf(b.logo),
        primaryColor: b.primaryColor ?? null,
        secondaryColor: b.secondaryColor ?? null,
        accentColor: b.accentColor ?? null,
        customCss: b.customCss ?? null,
        theme: b.theme ?? 'auto',
      },
    } as never,
  })
  return doc
}

/**
 * A shop's settings and branding, one versioned document per shop (README, "Configuration API"):
 * every save keeps a version (who in `changedBy`, when), restorable from the admin's Versions tab;
 * each save is also written onto the tenant record the rest of the app reads.
 */
export function shopSettingsCollection(options: ResolvedBrandingOptions): CollectionConfig {
  return options.tenantOwned({
    slug: SHOP_SETTINGS,
    labels: { singular: 'Shop settings', plural: 'Shop settings' },
    graphQL: { singularName: 'ShopSetting', pluralName: 'ShopSettings' },
    admin: { useAsTitle: 'changedBy', defaultColumns: ['changedBy', 'updatedAt'], group: 'Shop', description: 'Your shop’s configuration and branding; every change is kept as a version.' },
    versions: { maxPerDoc: options.maxVersions },
    hooks: { beforeChange: [validate(options)], afterChange: [syncTenant] },
    fields: [
      { name: 'config', type: 'json', admin: { description: 'Validated against the settings schema (README); missing keys get their defaults.' } },
      { name: 'branding', type: 'group', fields: brandingFields },
      { name: 'note', type: 'text', maxLength: 200, admin: { description: 'What this change is for (kept with its version).' } },
      { name: 'changedBy', type: 'text', admin: { readOnly: true } },
    ],
  })
}
