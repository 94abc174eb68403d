import type { ResolvedBrandingOptions } from '../options'

type Branding = Record<string, unknown>

/**
 * What is wrong with a branding (colours, custom CSS), and the CSS as it will be stored (scoped).
 * Until the palette and CSS checks land, only the size of the CSS is checked.
 */
export function brandingProblems(branding: Branding, _options: ResolvedBrandingOptions): { errors: { path: string; message: string }[]; css?: string } {
  const css = typeof branding.customCss === 'string' ? branding.customCss : undefined
  if (css && css.length > 20_000) return { errors: [{ path: 'customCss', message: 'At most 20 000 characters.' }] }
  return { errors: [], css }
}
