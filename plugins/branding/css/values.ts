import { ident, walk, type CssNode, type Declaration } from 'css-tree'

/** A refusal, at the node's position (line and column 1-based). */
export type CssError = { line: number | null; column: number | null; message: string }

export type Report = (node: CssNode | null, message: string) => void

export type UrlPolicy = { origin: string | null }

/** Names with their CSS escapes decoded (`\75 rl` is `url`, `-moz-b\inding` is `-moz-binding`), lowercased: CSS keywords are case-insensitive. */
export function plain(name: string): string {
  return ident.decode(name).toLowerCase()
}

/** The highest z-index allowed: below Payload's own layers (nav 20, modal 30, status 40, popup 60). */
export const MAX_Z_INDEX = 10

/** Properties that ran script or changed behaviour (old IE, old Firefox) or make any element editable (WebKit). */
const DENIED_PROPERTIES = new Set(['behavior', '-ms-behavior', '-moz-binding', 'binding', '-webkit-user-modify', '-moz-user-modify', 'user-modify'])

const CSS_WIDE = ['inherit', 'initial', 'unset', 'revert', 'revert-layer']
const POSITIONS = new Set(['static', 'relative', 'absolute', 'sticky', ...CSS_WIDE])
const Z_KEYWORDS = new Set(['auto', ...CSS_WIDE])

/**
 * Functions a value may call. Anything else is refused, so what is not known cannot load or run
 * anything: `expression()`, `image-set()` and `src()` (which take URLs as strings), `attr()`,
 * `element()`, `paint()`, `anchor()`.
 */
const ALLOWED_FUNCTIONS = new Set(
  [
    'var env calc min max clamp round mod rem abs sign sin cos tan asin acos atan atan2 pow sqrt hypot log exp',
    'rgb rgba hsl hsla hwb lab lch oklab oklch color color-mix light-dark',
    'linear-gradient radial-gradient conic-gradient repeating-linear-gradient repeating-radial-gradient repeating-conic-gradient',
    'translate translatex translatey translatez translate3d rotate rotatex rotatey rotatez rotate3d scale scalex scaley scalez scale3d skew skewx skewy matrix matrix3d perspective',
    'blur brightness contrast drop-shadow grayscale hue-rotate invert opacity saturate sepia',
    'cubic-bezier steps linear inset circle ellipse polygon path rect xywh',
    'repeat minmax fit-content counter counters symbols local format tech selector',
  ]
    .join(' ')
    .split(' '),
)

/** Where a media file of this back-office lives: Payload's media collection, served by this origin. */
const MEDIA_PREFIX = '/api/media/'

/** Why `url` may not be loaded, or null when it may: `/api/media/…` on this origin, nothing else. */
export function urlRefusal(url: string, policy: UrlPolicy): string | null {
  const value = url.trim()
  const shown = `url(${JSON.stringify(value.length > 80 ? value.slice(0, 80) + '…' : value)})`
  const only = `only this back-office's media files (${MEDIA_PREFIX}…${policy.origin ? ` or ${policy.origin}${MEDIA_PREFIX}…` : ''}) can be loaded`
  if (/^data:/i.test(value)) return `${shown} is refused: data: URLs are not allowed; ${only}`
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !(policy.origin && value.startsWith(policy.origin + MEDIA_PREFIX))) return `${shown} is refused: ${only}`
  const path = policy.origin && value.startsWith(policy.origin + MEDIA_PREFIX) ? value.slice(policy.origin.length) : value
  if (!path.startsWith(MEDIA_PREFIX)) return `${shown} is refused: ${only}`
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return `${shown} is refused: it is not a valid URL path`
  }
  const pathPart = decoded.split(/[?#]/)[0]
  // eslint-disable-next-line no-control-regex
  if (/[\\\s<>"'\u0000-\u001f\u007f]/.test(decoded) || pathPart.includes('//') || pathPart.split('/').some((segment) => segment === '.' || segment === '..')) {
    return `${shown} is refused: the path must stay under ${MEDIA_PREFIX} (no "..", "//", backslashes or spaces)`
  }
  return null
}

/** Checks every function and URL under `node` (a value, an at-rule prelude). */
export function checkValue(node: CssNode, policy: UrlPolicy, report: Report): void {
  walk(node, (child): symbol | undefined => {
    if (child.type === 'Url') {
      const refusal = urlRefusal(child.value, policy)
      if (refusal) report(child, refusal)
    } else if (child.type === 'Function') {
      const name = plain(child.name)
      if (name === 'url') {
        // `u\rl("…")` and `\75 rl("…")` are css-tree Functions but URLs to a browser.
        const first = child.children.first
        const refusal = child.children.size === 1 && first?.type === 'String' ? urlRefusal(first.value, policy) : 'url() must hold a single URL'
        if (refusal) report(child, refusal)
      } else if (!ALLOWED_FUNCTIONS.has(name)) {
        report(child, `${name}() is not allowed in custom CSS`)
        return walk.skip // what is inside is refused with it
      }
    } else if (child.type === 'String' && /<\/|<!--/.test(child.value)) {
      report(child, 'a string may not contain "</" or "<!--" (it would end the <style> element the CSS goes in)')
    } else if (child.type === 'Raw' && child.value.trim() !== '') {
      report(child, `could not be parsed as CSS: ${JSON.stringify(child.value.slice(0, 40))}`)
    }
  })
}

function single(decl: Declaration): CssNode | null {
  if (decl.value.type !== 'Value' || decl.value.children.size !== 1) return null
  return decl.value.children.first
}

/** The declaration rules: denied properties, `!important`, `position`, `z-index`, and every value's functions and URLs. */
export function checkDeclaration(decl: Declaration, policy: UrlPolicy, report: Report): void {
  const property = decl.property.startsWith('--') ? decl.property : plain(decl.property)
  if (DENIED_PROPERTIES.has(property)) return report(decl, `the property ${property} is not allowed in custom CSS`)
  if (decl.important) report(decl, `!important is not allowed (${property}): custom CSS already wins over Payload's styles, which sit in a cascade layer`)
  if (property === 'position') {
    const value = single(decl)
    const keyword = value?.type === 'Identifier' ? plain(value.name) : null
    if (keyword === 'fixed') report(decl, "position: fixed is not allowed: it could lay an overlay over Payload's screens; use absolute, relative or sticky")
    else if (keyword === null || !POSITIONS.has(keyword)) report(decl, 'position must be one keyword: static, relative, absolute or sticky (no var() or other values)')
  } else if (property === 'z-index') {
    const value = single(decl)
    if (value?.type === 'Identifier' && Z_KEYWORDS.has(plain(value.name))) {
      // auto, inherit…
    } else if (value?.type !== 'Number' || !/^[+-]?\d+$/.test(value.value)) {
      report(decl, 'z-index must be a whole number (no var(), calc() or other values)')
    } else if (Number(value.value) > MAX_Z_INDEX) {
      report(decl, `z-index ${value.value} is too high: at most ${MAX_Z_INDEX}, so nothing covers Payload's menus, modals and messages`)
    }
  }
  checkValue(decl.value, policy, report)
}
