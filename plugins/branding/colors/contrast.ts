/**
 * WCAG 2.x contrast for the shops' brand colours (issue 18), and the palette of CSS custom
 * properties the admin gets from one or two of them. Pure TypeScript: the server checks a tenant's
 * colours on save with it, the admin builds the same variables from it.
 *
 * Luminance and ratio are WCAG 2.2's (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance): sRGB
 * channels linearised, L = 0.2126 R + 0.7152 G + 0.0722 B, ratio (L1 + 0.05) / (L2 + 0.05). AA is
 * 4.5:1 for normal text, 3:1 for large text and for UI parts (borders, indicators).
 */

export type Rgb = { r: number; g: number; b: number }

/** WCAG AA: normal text. */
export const AA_NORMAL = 4.5
/** WCAG AA: large text (18pt, or 14pt bold) and non-text UI parts. */
export const AA_LARGE = 3

/** Payload's page background (`--theme-elevation-0`) in its light and dark themes, and the text colours a brand background may carry. */
export const LIGHT_BG = '#ffffff'
export const DARK_BG = '#141414'
export const WHITE_TEXT = '#ffffff'
export const DARK_TEXT = '#141414'

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i

/** `#rgb` or `#rrggbb` (either case) to channels 0–255; null for anything else (no names, no alpha, no spaces). */
export function parseHex(hex: string): Rgb | null {
  if (typeof hex !== 'string' || !HEX.test(hex)) return null
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d) : [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)]
  const [r, g, b] = digits.map((d) => parseInt(d, 16))
  return { r, g, b }
}

/** Lowercase `#rrggbb`. */
export function toHex({ r, g, b }: Rgb): string {
  return (
    '#' +
    [r, g, b]
      .map((c) =>
        Math.round(Math.min(255, Math.max(0, c)))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  )
}

function rgbOf(color: string | Rgb): Rgb {
  if (typeof color !== 'string') return color
  const rgb = parseHex(color)
  if (!rgb) throw new TypeError(`${JSON.stringify(color)} is not a #rgb or #rrggbb colour`)
  return rgb
}

/** WCAG relative luminance, 0 (black) to 1 (white). Throws a TypeError for a string that is not hex. */
export function relativeLuminance(color: string | Rgb): number {
  const { r, g, b } = rgbOf(color)
  const lin = (c: number) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/** Contrast ratio between two colours, 1 to 21, the same in either order. */
export function contrastRatio(a: string | Rgb, b: string | Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** Whether `fg` on `bg` reaches WCAG AA: 4.5:1, or 3:1 with `large` (large text, UI parts). */
export function meetsAA(fg: string | Rgb, bg: string | Rgb, options: { large?: boolean } = {}): boolean {
  return contrastRatio(fg, bg) >= (options.large ? AA_LARGE : AA_NORMAL)
}

/** A ratio as people read it: rounded down to one decimal, so "4.4:1" never hides a 4.49 that fails 4.5. */
export function formatRatio(ratio: number): string {
  return `${Math.floor(ratio * 10) / 10}:1`
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return { r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t }
}

/**
 * `color` itself if it reaches `ratio` on `bg`, otherwise the first shade of it, in steps of 2 %
 * towards black (light `bg`) or white (dark `bg`), that does. Always ends: black on white is 21:1
 * and white on Payload's dark background 18.1:1.
 */
export function readableOn(color: string, bg: string, ratio: number): string {
  const from = rgbOf(color)
  const back = rgbOf(bg)
  const towards = relativeLuminance(back) > 0.18 ? { r: 0, g: 0, b: 0 } : { r: 255, g: 255, b: 255 }
  for (let t = 0; t <= 1; t += 0.02) {
    const shade = rgbOf(toHex(mix(from, towards, t)))
    if (contrastRatio(shade, back) >= ratio) return toHex(shade)
  }
  return toHex(towards)
}

export type PaletteError = { path: string; message: string }
export type BrandPaletteResult = { ok: true; vars: Record<string, string> } | { ok: false; errors: PaletteError[] }

/**
 * The brand's CSS custom properties for Payload's admin. Payload has no brand variables of its own
 * (its primary button sets `--bg-color`/`--color` on `.btn--style-primary`, the nav indicator paints
 * `--theme-text`), so these are `--brand-*` properties that `brandStylesheet` maps onto those parts.
 * For each of `primary` and `secondary` (the primary again when not given), `--brand-<name>`:
 *
 * - `` (the colour itself) as a background (primary buttons), `-text` the text on it: white or
 *   near-black, whichever contrasts more, and it must reach AA 4.5:1; `-hover` the background when
 *   hovered, 12 % further from the text colour (so its contrast only grows);
 * - `-fg` / `-fg-dark`: the colour as text or a thin mark on the light / dark page (links,
 *   secondary buttons, the nav's active indicator): the colour itself where it reaches 4.5:1 on
 *   that background, else the nearest darker (light theme) or lighter (dark theme) shade that does.
 *
 * Refused (`ok: false`, `path` being `primaryColor` or `secondaryColor`): a colour that is not
 * `#rgb`/`#rrggbb`, and one on which neither white nor near-black text reaches 4.5:1 (mid tones
 * such as #777777), the message naming the colour and both ratios.
 */
export function brandPalette(primary: string, secondary?: string): BrandPaletteResult {
  const errors: PaletteError[] = []
  const vars: Record<string, string> = {}
  const colours: [name: string, path: string, value: string][] = [['primary', 'primaryColor', primary]]
  const sameAsPrimary = secondary === undefined || secondary === ''
  if (!sameAsPrimary) colours.push(['secondary', 'secondaryColor', secondary])
  for (const [name, path, value] of colours) {
    const rgb = typeof value === 'string' ? parseHex(value.trim()) : null
    if (!rgb) {
      errors.push({ path, message: `${JSON.stringify(value ?? null)} is not a colour: use #rgb or #rrggbb (for example #1d4ed8)` })
      continue
    }
    const hex = toHex(rgb)
    const onWhite = contrastRatio(hex, WHITE_TEXT)
    const onDark = contrastRatio(hex, DARK_TEXT)
    const text = onWhite >= onDark ? WHITE_TEXT : DARK_TEXT
    const best = Math.max(onWhite, onDark)
    if (best < AA_NORMAL) {
      const message = `${hex} with white text has a contrast of ${formatRatio(onWhite)}, with dark text (${DARK_TEXT}) ${formatRatio(onDark)}; AA needs ${AA_NORMAL}:1 for button text: pick a darker or a lighter colour`
      errors.push({ path, message })
      continue
    }
    const away = text === WHITE_TEXT ? { r: 0, g: 0, b: 0 } : { r: 255, g: 255, b: 255 }
    vars[`--brand-${name}`] = hex
    vars[`--brand-${name}-text`] = text
    vars[`--brand-${name}-hover`] = toHex(mix(rgb, away, 0.12))
    vars[`--brand-${name}-fg`] = readableOn(hex, LIGHT_BG, AA_NORMAL)
    vars[`--brand-${name}-fg-dark`] = readableOn(hex, DARK_BG, AA_NORMAL)
  }
  if (sameAsPrimary) for (const [key, value] of Object.entries(vars)) vars[key.replace('--brand-primary', '--brand-secondary')] = value
  return errors.length > 0 ? { ok: false, errors } : { ok: true, vars }
}
