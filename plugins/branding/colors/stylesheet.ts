import { SCOPE_PATTERN } from '../css/scope'
import { parseHex } from './contrast'

const VAR_NAME = /^--brand-[a-z]+(?:-[a-z]+)*$/

/**
 * The CSS that applies a `brandPalette` to Payload's admin under `scope` (e.g.
 * `.tenant-acme-gadgets`): the variables on the wrapper, the dark theme's `-fg` shades under
 * `html[data-theme='dark']` (so the wrapper must sit inside `<html>`, not be it), and the Payload
 * parts that use them: primary buttons, secondary (outline) buttons and the nav's active-link
 * indicator. Nothing of the tenant's goes in as text: `scope` must be a class selector and every
 * value a hex colour, or this throws (a programming error: brandPalette's output always passes).
 * Selectors are Payload 3.90's class names (`.btn--style-primary`, `.nav__link-indicator`).
 */
export function brandStylesheet(scope: string, vars: Record<string, string>): string {
  if (!SCOPE_PATTERN.test(scope)) throw new TypeError(`scope must be one class selector such as .tenant-acme, not ${JSON.stringify(scope)}`)
  const decls: string[] = []
  for (const [name, value] of Object.entries(vars)) {
    if (!VAR_NAME.test(name) || !parseHex(value)) throw new TypeError(`not a brand variable: ${JSON.stringify(name)}: ${JSON.stringify(value)}`)
    decls.push(`${name}:${value}`)
  }
  const light = ['primary', 'secondary'].map((n) => `--brand-${n}-on-page:var(--brand-${n}-fg)`).join(';')
  const dark = ['primary', 'secondary'].map((n) => `--brand-${n}-on-page:var(--brand-${n}-fg-dark)`).join(';')
  return [
    `${scope}{${decls.join(';')}${decls.length > 0 ? ';' : ''}${light}}`,
    `html[data-theme='dark'] ${scope}{${dark}}`,
    `${scope} .btn--style-primary:not(.btn--disabled){--bg-color:var(--brand-primary);--color:var(--brand-primary-text);--hover-bg:var(--brand-primary-hover);--hover-color:var(--brand-primary-text)}`,
    `${scope} .btn--style-secondary:not(.btn--disabled){--color:var(--brand-secondary-on-page);--btn-border:1px solid var(--brand-secondary-on-page);--hover-color:var(--brand-secondary-on-page)}`,
    `${scope} .nav__link-indicator{background:var(--brand-secondary-on-page)}`,
  ].join('\n')
}
