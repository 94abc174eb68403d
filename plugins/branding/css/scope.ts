import { ident, List, type CssNode, type Selector } from 'css-tree'

import { plain } from './values'

/** The scope a shop's styles live under: one class selector, the class the host puts on the shop's wrapper element (`.tenant-acme-gadgets`). */
export const SCOPE_PATTERN = /^\.[A-Za-z_][A-Za-z0-9_-]*$/

/** `html`, `body` and `:root` (without arguments): the page's roots, which a shop's CSS means as its own wrapper. */
function isRoot(node: CssNode): boolean {
  if (node.type === 'TypeSelector') return ['html', 'body'].includes(plain(node.name))
  return node.type === 'PseudoClassSelector' && plain(node.name) === 'root' && node.children === null
}

/** The length of the compound selector at the start of `nodes` (up to the first combinator). */
function compoundLength(nodes: CssNode[], from = 0): number {
  let i = from
  while (i < nodes.length && nodes[i].type !== 'Combinator') i++
  return i - from
}

function isRootCompound(nodes: CssNode[], from: number, length: number): boolean {
  return length > 0 && nodes.slice(from, from + length).every(isRoot)
}

/**
 * Rewrites one complex selector in place so that it only matches the scope element (the shop's
 * wrapper, class `scopeName`) or its descendants:
 *
 * - already scoped (its first compound has the scope class, as in the sanitiser's own output):
 *   left as it is, which makes the sanitiser idempotent;
 * - starting with `html`, `body` or `:root` (also `html body`, `html > body`): that start becomes
 *   the scope, with the compound's other parts kept (`body.dark > p` → `.scope.dark > p`);
 * - anything else gets the scope in front as an ancestor (`.btn` → `.scope .btn`; a relative
 *   `> p` → `.scope > p`).
 *
 * That is enough to keep a rule inside the wrapper: a selector only ever matches its last
 * compound's element, and every combinator (descendant, child, sibling) moves down or sideways
 * from the scope, never up; `:has()`, `:is()`, `:not()` and `:where()` only filter which of those
 * elements match. (`html`, `:root` written elsewhere than at the start, such as `.a html`, can no
 * longer match anything, since the page's root is never inside the wrapper.)
 */
export function scopeSelector(selector: Selector, scopeName: string): void {
  let nodes = selector.children.toArray()
  const scopeClass = (): CssNode => ({ type: 'ClassSelector', name: scopeName })
  const first = compoundLength(nodes)
  if (nodes.slice(0, first).some((n) => n.type === 'ClassSelector' && ident.decode(n.name) === scopeName)) return
  // `html body …`, `html > body …`: drop the leading roots that another root follows.
  for (;;) {
    const length = compoundLength(nodes)
    const next = compoundLength(nodes, length + 1)
    if (!isRootCompound(nodes, 0, length) || nodes[length]?.type !== 'Combinator' || !isRootCompound(nodes, length + 1, next)) break
    nodes = nodes.slice(length + 1)
  }
  const length = compoundLength(nodes)
  if (nodes.slice(0, length).some(isRoot)) {
    // A type selector stays first in its compound: `div:root` → `div.scope` (the wrapper, if it is a div).
    const rest = nodes.slice(0, length).filter((n) => !isRoot(n))
    nodes = [...rest.filter((n) => n.type === 'TypeSelector'), scopeClass(), ...rest.filter((n) => n.type !== 'TypeSelector'), ...nodes.slice(length)]
  } else if (nodes[0]?.type === 'Combinator') {
    nodes = [scopeClass(), ...nodes]
  } else {
    nodes = [scopeClass(), { type: 'Combinator', name: ' ' }, ...nodes]
  }
  selector.children = new List<CssNode>().fromArray(nodes)
}
