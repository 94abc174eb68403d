import { invalid, missing, required } from './errors'
import { type Param, type Params } from './form'
import { type Obj } from './store'

/** Reading Stripe's string-only parameters, with Stripe's 400s for the wrong kind. */

export function str(p: Params, key: string): string | undefined {
  const v = p[key]
  if (v === undefined) return undefined
  if (typeof v !== 'string') throw invalid(`Invalid string: ${JSON.stringify(v)}`, key, 'parameter_invalid_string')
  return v
}

export function need(p: Params, key: string, name = key): string {
  const v = str(p, key)
  if (v === undefined || v === '') throw required(name)
  return v
}

export function int(p: Params, key: string, name = key): number | undefined {
  const v = str(p, key)
  if (v === undefined || v === '') return undefined
  if (!/^-?\d+$/.test(v)) throw invalid(`Invalid integer: ${v}`, name, 'parameter_invalid_integer')
  return Number(v)
}

export function bool(p: Params, key: string, name = key): boolean | undefined {
  const v = str(p, key)
  if (v === undefined || v === '') return undefined
  if (v !== 'true' && v !== 'false') throw invalid(`Invalid boolean: ${v}`, name)
  return v === 'true'
}

export function sub(p: Params, key: string, name = key): Params | undefined {
  const v = p[key]
  if (v === undefined || v === '') return undefined
  if (typeof v === 'string' || Array.isArray(v)) throw invalid(`Invalid object`, name, 'parameter_invalid_object')
  return v
}

/** An array parameter: `a[0]=…` (an array) or `a[x]=…` read in key order. */
export function arr(p: Params, key: string): Param[] | undefined {
  const v = p[key]
  if (v === undefined || v === '') return undefined
  if (Array.isArray(v)) return v
  if (typeof v === 'string') return [v]
  return Object.values(v)
}

/** A stored object or Stripe's 404 resource_missing. */
export function found<T>(map: Map<string, T>, id: string, kind: string, param = 'id'): T {
  const v = map.get(id)
  if (v === undefined) throw missing(kind, id, param)
  return v
}

export type ListBody<T> = { object: 'list'; data: T[]; has_more: boolean; url: string }

/** Stripe's list: newest first, `limit` (1–100, default 10), `starting_after` / `ending_before` cursors. */
export function listOf<T extends Obj>(items: T[], q: Params, url: string): ListBody<T> {
  const limit = int(q, 'limit') ?? 10
  if (limit < 1 || limit > 100) throw invalid('This value must be greater than or equal to 1 and less than or equal to 100.', 'limit', 'parameter_invalid_integer')
  let all = [...items].reverse()
  const after = str(q, 'starting_after')
  const before = str(q, 'ending_before')
  if (after) {
    const at = all.findIndex((o) => o.id === after)
    if (at < 0) throw missing('object', after, 'starting_after')
    all = all.slice(at + 1)
  } else if (before) {
    const at = all.findIndex((o) => o.id === before)
    if (at < 0) throw missing('object', before, 'ending_before')
    all = all.slice(Math.max(0, at - limit), at)
    return { object: 'list', data: all, has_more: at - limit > 0, url }
  }
  return { object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url }
}
