/**
 * A cheap look at how deep brackets nest, before anything recursive reads the text: Payload
 * walks a document's data, graphql-js parses, validates and coerces variables by recursion, and
 * a few thousand levels overflow the stack (a 500). One pass, no allocation: `{ ( [` open,
 * `} ) ]` close, except inside strings and (GraphQL) comments.
 */
type Syntax = 'graphql' | 'json'

/**
 * The deepest bracket nesting a body, a form's `_payload` or a GraphQL query may have. Payload
 * overflows its stack somewhere between 3 000 and 8 000 levels of JSON; the deepest legitimate
 * document is Lexical rich text, where a list indented ten times is ~50 levels.
 */
export const MAX_NESTING = 100

const OPEN = new Set(['{', '(', '['])
const CLOSE = new Set(['}', ')', ']'])

/** Where the string opened at `start` ends (the index of its last character). */
function endOfString(text: string, start: number, syntax: Syntax): number {
  if (syntax === 'graphql' && text.startsWith('"""', start)) {
    // A block string ends at the first `"""` not escaped as `\"""`.
    for (let from = start + 3; ;) {
      const end = text.indexOf('"""', from)
      if (end < 0) return text.length
      if (text[end - 1] !== '\\') return end + 2
      from = end + 3
    }
  }
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]
    if (c === '\\') i++
    else if (c === '"' || (syntax === 'graphql' && (c === '\n' || c === '\r'))) return i
  }
  return text.length
}

/** Whether brackets in `text` nest more than `max` levels deep. */
export function nestsDeeperThan(text: string, max: number, syntax: Syntax): boolean {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') i = endOfString(text, i, syntax)
    else if (c === '#' && syntax === 'graphql') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++
    } else if (OPEN.has(c)) {
      if (++depth > max) return true
    } else if (CLOSE.has(c) && depth > 0) depth--
  }
  return false
}
