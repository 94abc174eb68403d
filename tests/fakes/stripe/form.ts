/**
 * Stripe's request encoding (integrations.md §4.1): `application/x-www-form-urlencoded` with bracket
 * nesting, as stripe-node writes it (`line_items[0][price]=price_1`, `metadata[tenant]=t1`,
 * `expand[0]=subscription`) and as curl users write it (`expand[]=subscription`). GET and DELETE put
 * the same encoding in the query string. Every leaf stays a string, as Stripe receives it.
 */

export type Params = { [key: string]: Param }
export type Param = string | Param[] | Params

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** `a[b][0][c]` → ['a', 'b', '0', 'c']; `a[]` → ['a', '']. */
function segments(key: string): string[] {
  const open = key.indexOf('[')
  if (open <= 0) return [key]
  const out = [key.slice(0, open)]
  const re = /\[([^\]]*)\]/g
  let m: null | RegExpExecArray
  while ((m = re.exec(key.slice(open))) !== null) out.push(m[1])
  return out
}

const isIndex = (s: string) => s === '' || /^\d+$/.test(s)

function assign(target: Params | Param[], path: string[], value: string): void {
  const [head, ...rest] = path
  const isArray = Array.isArray(target)
  const slot = isArray ? (head === '' ? target.length : Number(head)) : head
  if (rest.length === 0) {
    if (isArray) target[slot as number] = value
    else target[slot as string] = value
    return
  }
  const existing = isArray ? target[slot as number] : target[slot as string]
  let child: Params | Param[]
  if (existing !== undefined && typeof existing !== 'string') child = existing
  else {
    child = isIndex(rest[0]) ? [] : {}
    if (isArray) target[slot as number] = child
    else target[slot as string] = child
  }
  assign(child, rest, value)
}

/** Dense arrays: `a[0]`, `a[2]` become a two-element array, as Stripe reads them. */
function compact(value: Param): Param {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact)
  const out: Params = {}
  for (const [k, v] of Object.entries(value)) out[k] = compact(v)
  return out
}

/** Parses a form body or a query string (without the leading `?`). */
export function parseForm(raw: string): Params {
  const out: Params = {}
  for (const pair of raw.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = decode(eq < 0 ? pair : pair.slice(0, eq))
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1))
    const path = segments(key)
    if (path[0] === '') continue
    assign(out, path, value)
  }
  return compact(out) as Params
}
