import type { Config } from 'payload'

import { shopSettingsCollection } from './collections/ShopSettings'
import { withTenantBrandingChecks } from './collections/tenant-branding'
import { customFieldDefinitionsCollection } from './custom-fields/definitions'
import { customFieldsEndpoint } from './custom-fields/endpoint'
import { withCustomFields } from './custom-fields/field'
import { mailSettingsCollection } from './email/MailSettings'
import { mailTestEndpoint } from './email/test-endpoint'
import { getBrandingEndpoint, getConfigEndpoint, putBrandingEndpoint, putConfigEndpoint } from './endpoints/settings'
import { BRANDING_OPTIONS_KEY, resolveOptions, type BrandingPluginOptions } from './options'

export type { BrandingPluginOptions, BrandingSettings } from './options'
export type { BrandingHost } from './host'
export { BRANDING_PERMISSIONS, type BrandingCollection } from './permissions'
export { applySchema, checks, defaultsOf, type Check, type FieldError, type Schema } from './config/schema'
// Pure pieces (no Payload or React), shared by the server (checking a branding on save) and the admin (applying it):
// sanitiseCustomCss (a shop's custom CSS checked and scoped under its wrapper class; rules in css/sanitise.ts),
// brandPalette / brandStylesheet (`--brand-*` properties from one or two colours, AA-contrasting text, mapped onto
// Payload's buttons and nav), and WCAG 2.x contrast.
export { MAX_CUSTOM_CSS_BYTES, MAX_Z_INDEX, sanitiseCustomCss, type CssError, type SanitiseOptions, type SanitiseResult } from './css/sanitise'
export { AA_LARGE, AA_NORMAL, brandPalette, contrastRatio, meetsAA, parseHex, relativeLuminance, type BrandPaletteResult, type PaletteError } from './colors/contrast'
export { brandStylesheet } from './colors/stylesheet'
// The admin route's `generateMetadata` wraps Payload's with this: the viewed shop's title suffix and favicon.
export { shopPageMetadata, withTitleSuffix } from './admin/page-metadata'
export { logoFile, MAX_INLINE_LOGO, type LogoFile } from './logo-file'
// Every email a shop sends, in its template and through its transport (README, "Email").
export { sendShopEmail, type ShopEmail } from './email/send'
// Custom fields (README, "Custom fields"): the checks, for the host's import and export, which read a shop's definitions through loadDefinitions.
export { CUSTOM_FIELD_DEFINITIONS, CUSTOM_FIELD_TYPES, CUSTOM_FIELDS, type CustomFieldDefinition, type CustomFieldType } from './custom-fields/types'
export { checkValue, majorToMinor, minorToMajor, valueFromText } from './custom-fields/values'
export { loadDefinitions } from './custom-fields/load'

/**
 * Each shop's configuration and branding (plugins/branding/README.md): one versioned settings
 * document per shop behind GET/PUT /api/tenant/config and /api/tenant/branding (validated, defaults
 * filled, every change a version, restorable in the admin, written onto the tenant record the rest
 * of the app reads); and the shop's custom fields on the configured collections (`customFields`,
 * checked against its `custom-field-definitions` on every write). List it before the multi-tenant plugin; the host merges
 * BRANDING_PERMISSIONS into its matrix and passes its pieces (host.ts).
 */
export const brandingPlugin =
  (pluginOptions: BrandingPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    return {
      ...config,
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          // The shop's colours and custom CSS on every admin page; its logo and name atop the nav; the
          // platform's name on the sign-in page (Payload's Icon slot stays: its OG image route reads it).
          header: [...(config.admin?.components?.header ?? []), '/plugins/branding/admin/ShopTheme#ShopTheme'],
          beforeNavLinks: ['/plugins/branding/admin/ShopLogo#ShopNavBrand', ...(config.admin?.components?.beforeNavLinks ?? [])],
          graphics: { ...config.admin?.components?.graphics, Logo: '/plugins/branding/admin/ShopLogo#ShopLogo' },
        },
      },
      collections: [
        ...(config.collections ?? []).map((c) => (c.slug === 'tenants' ? withTenantBrandingChecks(c, options) : options.customFields.collections.includes(c.slug) ? withCustomFields(c) : c)),
        shopSettingsCollection(options),
        mailSettingsCollection(options),
        customFieldDefinitionsCollection(options),
      ],
      endpoints: [...(config.endpoints ?? []), getConfigEndpoint, putConfigEndpoint, getBrandingEndpoint, putBrandingEndpoint, mailTestEndpoint, customFieldsEndpoint],
      custom: { ...config.custom, [BRANDING_OPTIONS_KEY]: options },
    }
  }
