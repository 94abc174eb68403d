/**
 * The branding plugin's public surface (issue 18): pure functions, no Payload or React, so the
 * server (checking a tenant's branding on save) and the admin (applying it) share them. Everything
 * outside plugins/branding imports from here and nothing deeper.
 *
 * - sanitiseCustomCss: a shop's custom CSS checked and scoped under its wrapper class (rules in
 *   css/sanitise.ts).
 * - brandPalette / brandStylesheet: `--brand-*` custom properties from one or two brand colours,
 *   with AA-contrasting text, and the CSS mapping them onto Payload's buttons and nav.
 * - contrastRatio / meetsAA / relativeLuminance / parseHex: WCAG 2.x contrast.
 */
export { MAX_CUSTOM_CSS_BYTES, MAX_Z_INDEX, sanitiseCustomCss, type CssError, type SanitiseOptions, type SanitiseResult } from './css/sanitise'
export { AA_LARGE, AA_NORMAL, brandPalette, contrastRatio, meetsAA, parseHex, relativeLuminance, type BrandPaletteResult, type PaletteError } from './colors/contrast'
export { brandStylesheet } from './colors/stylesheet'
