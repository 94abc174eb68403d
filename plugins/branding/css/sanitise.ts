import { generate, ident, parse, type Block, type CssNode, type List, type ListItem } from 'css-tree'

import { SCOPE_PATTERN, scopeSelector } from './scope'
import { checkDeclaration, checkValue, MAX_Z_INDEX, plain, type CssError, type Report, type UrlPolicy } from './values'

export type { CssError } from './values'
export type SanitiseOptions = {
  /** The shop's wrapper class, e.g. `.tenant-acme-gadgets` (one class selector; anything else throws a TypeError). */
  scope: string
  /** This back-office's origin (`https://admin.example.com`): absolute URLs to its `/api/media/` are then allowed too. */
  origin?: string
  /** Size cap in UTF-8 bytes; 20 000 by default (the tenant field's limit). */
  maxBytes?: number
}
export type SanitiseResult = { ok: true; css: string } | { ok: false; errors: CssError[] }

export const MAX_CUSTOM_CSS_BYTES = 20_000

/**
 * Checks a shop's custom CSS and returns it scoped to the shop's wrapper, or every reason it is
 * refused (with its line and column where it has one). css-tree parses it (spec tokenizer, so
 * comments and escapes split and join tokens as in a browser), the checks run on the tree with
 * every name's escapes decoded (`\75 rl`, `u\rl`, `-moz-b\inding`, `fix\65 d` are seen as
 * `url`, `-moz-binding`, `fixed`), and the output is generated from the checked tree (minified,
 * without comments), so what is checked is what is served.
 *
 * Rules (README, "Custom CSS"):
 *
 * 1. Size: at most `maxBytes` (20 000) UTF-8 bytes.
 * 2. Syntax: any parse error refuses the whole CSS (no partial recovery). CSS nesting (rules inside
 *    rules) is a parse error to css-tree 3.2 and so refused; write the rules out flat.
 * 3. At-rules: `@media`, `@supports` and `@container` (their rules are scoped like top-level ones),
 *    `@font-face`, and `@keyframes` whose name starts with the scope's class and a dash
 *    (`@keyframes tenant-acme-gadgets-pulse`: keyframe names are global to the page, so a shop must
 *    not redefine Payload's). Everything else is refused: `@import`, `@charset`, `@namespace`,
 *    `@layer`, `@property`, `@scope`, `@page`, `@-webkit-keyframes`…
 * 4. URLs: `url()` (also written `u\rl("…")`, `\75 rl("…")`, with quotes or without) may only point
 *    at this back-office's media files: a root-relative `/api/media/…` path, or `origin` +
 *    `/api/media/…`, with no `..`, `.` or empty segments, backslashes or spaces. So no other host
 *    (`http://evil`, `//evil`), no `data:`, `javascript:` or other scheme. This applies everywhere,
 *    `@font-face src` and `content` included: no remote fonts, no request that could carry what a
 *    selector saw (the attribute-selector keylogger).
 * 5. Functions: only a known list (colours, gradients, maths, transforms, filters, easing, shapes,
 *    grid, `var()`, `env()`, `counter()`, `local()`/`format()`/`tech()` for fonts). Refused among
 *    others: `expression()`, `image-set()` and `src()` (they take URLs as strings), `attr()`,
 *    `element()`, `paint()`, `anchor()`.
 * 6. Properties: `behavior`, `-moz-binding` (script in old IE and Firefox) and `-webkit-user-modify`
 *    (and its aliases: any element editable) are refused.
 * 7. `!important` is refused: unlayered custom CSS already beats Payload's styles, which are all in
 *    `@layer payload-default`; `!important` would only beat Payload's inline styles (popup
 *    positions, hidden elements), which must stay Payload's.
 * 8. Overlays: `position: fixed` is refused (a full-screen fake over Payload's forms); `sticky`,
 *    `absolute` and `relative` are allowed. `position` must be a plain keyword and `z-index` a
 *    plain whole number at most 10 (`MAX_Z_INDEX`, under Payload's nav 20, modals 30, messages 40,
 *    popups 60), so `var()`/`calc()` cannot hide either.
 * 9. Selectors: every rule is scoped under `scope` (see scopeSelector): `.btn` → `.scope .btn`;
 *    `html`, `body`, `:root` → the scope itself. A prefix is enough, since no combinator or
 *    pseudo-class (`:has()` included) lets a selector match an ancestor of its first compound.
 *    `html[data-theme=dark] .x` becomes `.scope[data-theme=dark] .x`, which does not match:
 *    dark-theme-only custom CSS is not supported.
 * 10. The `<style>` element: no string (nor anything in the output) may contain `</` or `<!--`, and
 *    HTML comment markers (`<!--`, `-->`) are refused, so the output can go in a `<style>` as text.
 *
 * Allowed on purpose: `pointer-events` (the shop can only hide or block its own wrapper's UI, which
 * `display: none` does anyway), attribute selectors (with no outside URL they cannot leak),
 * `content` with strings and `counter()`.
 */
export function sanitiseCustomCss(css: string, options: SanitiseOptions): SanitiseResult {
  if (!SCOPE_PATTERN.test(options.scope)) throw new TypeError(`scope must be one class selector such as .tenant-acme, not ${JSON.stringify(options.scope)}`)
  const scopeName = options.scope.slice(1)
  const policy: UrlPolicy = { origin: options.origin ? new URL(options.origin).origin : null }
  const maxBytes = options.maxBytes ?? MAX_CUSTOM_CSS_BYTES
  const bytes = new TextEncoder().encode(css).length
  if (bytes > maxBytes) return { ok: false, errors: [{ line: null, column: null, message: `the custom CSS is ${bytes} bytes; at most ${maxBytes} are allowed` }] }

  const parseErrors: CssError[] = []
  const ast = parse(css, {
    positions: true,
    parseValue: true,
    parseCustomProperty: true,
    parseAtrulePrelude: true,
    parseRulePrelude: true,
    onParseError: (error) => parseErrors.push({ line: error.line ?? null, column: error.column ?? null, message: `CSS syntax error: ${error.message}` }),
  })
  if (parseErrors.length > 0) return { ok: false, errors: parseErrors }

  const errors: CssError[] = []
  const report: Report = (node, message) => errors.push({ line: node?.loc?.start.line ?? null, column: node?.loc?.start.column ?? null, message })
  if (ast.type !== 'StyleSheet') return { ok: false, errors: [{ line: null, column: null, message: 'not a style sheet' }] }
  visitRules(ast.children, { scopeName, policy, report }, false)
  if (errors.length > 0) return { ok: false, errors }

  const out = generate(ast)
  if (/<\/|<!--/.test(out)) return { ok: false, errors: [{ line: null, column: null, message: 'the CSS may not contain "</" or "<!--" (it would end the <style> element it goes in)' }] }
  return { ok: true, css: out }
}

type Context = { scopeName: string; policy: UrlPolicy; report: Report }

/** Comments and stray semicolons: dropped from the output. */
function isFiller(node: CssNode): boolean {
  return node.type === 'Comment' || (node.type === 'Raw' && /^[\s;]*$/.test(node.value))
}

function dropFiller(list: List<CssNode>): void {
  const filler: ListItem<CssNode>[] = []
  list.forEach((node, item) => {
    if (isFiller(node)) filler.push(item)
  })
  for (const item of filler) list.remove(item)
}

const REFUSED_AT_RULES: Record<string, string> = {
  import: '@import is not allowed: custom CSS cannot load other style sheets',
  charset: '@charset is not allowed (the CSS is always UTF-8)',
  namespace: '@namespace is not allowed',
}

function visitRules(list: List<CssNode>, ctx: Context, inKeyframes: boolean): void {
  dropFiller(list)
  list.forEach((node) => {
    if (node.type === 'Rule') {
      if (node.prelude.type !== 'SelectorList') return ctx.report(node, 'this selector could not be parsed')
      checkValue(node.prelude, ctx.policy, ctx.report)
      if (!inKeyframes) node.prelude.children.forEach((selector) => (selector.type === 'Selector' ? scopeSelector(selector, ctx.scopeName) : ctx.report(selector, 'this selector could not be parsed')))
      return visitDeclarations(node.block, ctx)
    }
    if (node.type === 'CDO' || node.type === 'CDC') return ctx.report(node, 'HTML comment markers (<!-- and -->) are not allowed')
    if (node.type !== 'Atrule' || inKeyframes) return ctx.report(node, inKeyframes ? 'only keyframes (from, to, 50%…) can be inside @keyframes' : `unexpected ${node.type} outside a rule`)
    const name = plain(node.name)
    if (REFUSED_AT_RULES[name]) return ctx.report(node, REFUSED_AT_RULES[name])
    if (node.prelude) checkValue(node.prelude, ctx.policy, ctx.report)
    if (['media', 'supports', 'container'].includes(name)) {
      if (!node.block) return ctx.report(node, `@${name} needs a block of rules`)
      return visitRules(node.block.children, ctx, false)
    }
    if (name === 'keyframes') {
      const first = node.prelude?.type === 'AtrulePrelude' ? node.prelude.children.first : null
      const keyframes = first?.type === 'Identifier' ? ident.decode(first.name) : first?.type === 'String' ? first.value : ''
      if (!keyframes.startsWith(`${ctx.scopeName}-`))
        return ctx.report(node, `@keyframes ${keyframes}: the name must start with "${ctx.scopeName}-" (keyframe names are shared with Payload's), e.g. ${ctx.scopeName}-${keyframes || 'pulse'}`)
      if (!node.block) return ctx.report(node, '@keyframes needs a block of keyframes')
      return visitRules(node.block.children, ctx, true)
    }
    if (name === 'font-face') {
      if (!node.block) return ctx.report(node, '@font-face needs a block of descriptors')
      return visitDeclarations(node.block, ctx)
    }
    ctx.report(node, `@${name} is not allowed in custom CSS (allowed: @media, @supports, @container, @font-face, @keyframes)`)
  })
}

function visitDeclarations(block: Block, ctx: Context): void {
  dropFiller(block.children)
  block.children.forEach((node) => {
    if (node.type === 'Declaration') checkDeclaration(node, ctx.policy, ctx.report)
    else ctx.report(node, node.type === 'Rule' || node.type === 'Atrule' ? 'nested rules are not supported: write them out flat' : `could not be parsed as a declaration (${node.type})`)
  })
}

export { MAX_Z_INDEX }
