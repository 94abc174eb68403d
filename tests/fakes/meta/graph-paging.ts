import { invalidParam, type Reply } from './graph-errors'
import type { RequestContext } from './graph-types'

/** Graph's opaque cursors: base64url of `<kind>:<id>` (Graph's are base64 of an internal position). */
const encodeCursor = (kind: string, id: string) => Buffer.from(`${kind}:${id}`).toString('base64url')

function decodeCursor(kind: string, cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  return text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : null
}

/**
 * One page of a Graph list edge (integrations.md §6: `{ data, paging: { cursors: { before,
 * after }, next?, previous? } }`): `limit` (default 25, at most 1000), `after` / `before`
 * cursors; an empty result has no paging object. `path` is the edge's path for the links (which
 * keep the other query parameters, and the token only when it came in the query).
 */
export function cursorPage<T extends { id: string }>(ctx: RequestContext, kind: string, path: string, all: T[], node: (item: T) => unknown): Reply {
  const q = ctx.query
  const parsedLimit = Number.parseInt(q.limit ?? '', 10)
  const limit = Number.isFinite(parsedLimit) && parsedLimit > 0 ? Math.min(parsedLimit, 1000) : 25
  let start = 0
  let end: number
  if (q.after) {
    const id = decodeCursor(kind, q.after)
    const at = id === null ? -1 : all.findIndex((t) => t.id === id)
    if (at < 0) return invalidParam('Invalid after cursor')
    start = at + 1
    end = Math.min(all.length, start + limit)
  } else if (q.before) {
    const id = decodeCursor(kind, q.before)
    const at = id === null ? -1 : all.findIndex((t) => t.id === id)
    if (at < 0) return invalidParam('Invalid before cursor')
    end = at
    start = Math.max(0, end - limit)
  } else {
    end = Math.min(all.length, limit)
  }
  const page = all.slice(start, end)
  if (page.length === 0) return { status: 200, body: { data: [] } }
  const before = encodeCursor(kind, page[0].id)
  const after = encodeCursor(kind, page[page.length - 1].id)
  const link = (cursor: Record<string, string>) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(q)) if (k !== 'after' && k !== 'before' && k !== 'limit' && (k !== 'access_token' || ctx.tokenInQuery)) params.set(k, v)
    params.set('limit', String(limit))
    for (const [k, v] of Object.entries(cursor)) params.set(k, v)
    return `${ctx.baseUrl}/${ctx.version}${path}?${params}`
  }
  const paging: Record<string, unknown> = { cursors: { before, after } }
  if (end < all.length) paging.next = link({ after })
  if (start > 0) paging.previous = link({ before })
  return { status: 200, body: { data: page.map(node), paging } }
}
