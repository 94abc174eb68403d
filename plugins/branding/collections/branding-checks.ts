import { brandPalette } from '../colors/contrast'
import { MAX_CUSTOM_CSS_BYTES, sanitiseCustomCss } from '../css/sanitise'
import type { ResolvedBrandingOptions } from '../options'

type Branding = Record<string, unknown>

/** The class of the wrapper the shop's admin is drawn in: every custom CSS rule is scoped under it. */
export const SHOP_SCOPE = '.shop-theme'

/**
 * What is wrong with a branding, and its custom CSS as it will be stored (sanitised and scoped,
 * css/sanitise.ts): the brand colours must give AA-contrasting text (colors/contrast.ts), the CSS
 * must pass the sanitiser. Each problem names its field.
 */
export function brandingProblems(branding: Branding, _options: ResolvedBrandingOptions, origin?: string): { errors: { path: string; message: string }[]; css?: null | string } {
  const errors: { path: string; message: string }[] = []
  const hex = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
  const primary = hex(branding.primaryColor)
  if (primary || hex(branding.secondaryColor)) {
    const palette = brandPalette(primary ?? hex(branding.secondaryColor)!, hex(branding.secondaryColor))
    if (!palette.ok) errors.push(...palette.errors)
  }
  const raw = typeof branding.customCss === 'string' ? branding.customCss : null
  if (!raw || !raw.trim()) return { errors, css: raw ? null : undefined }
  const clean = sanitiseCustomCss(raw, { scope: SHOP_SCOPE, maxBytes: MAX_CUSTOM_CSS_BYTES, ...(origin ? { origin } : {}) })
  if (!clean.ok) errors.push(...clean.errors.map((e) => ({ path: 'customCss', message: e.line ? `Line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}` : e.message })))
  return { errors, css: clean.ok ? clean.css : undefined }
}
