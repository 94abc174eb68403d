import fc from 'fast-check'
import type { GraphQLSchema } from 'graphql'
import type { SanitizedConfig } from 'payload'

import { gqlSym, graphqlOps, type IdRef, renderEnvelope, type GqlSym } from './graphql'
import {
  bodySpec,
  chooser,
  enc,
  headerChoice,
  headersFor,
  idChoice,
  metaDelivery,
  queryPairs,
  queryString,
  resolveId,
  serialise,
  signMeta,
  type BodySpec,
  type Concrete,
  type HeaderChoice,
  type IdChoice,
} from './requests'
import { poisonsOf, targetsOf, type Draft, type Method, type Poison, type Target } from './targets'
import { Deep, hostileString, notAnEmail, toJson } from './values'
import { CALLERS, type CallerName, type World } from './world'

/** A generated request, before it meets the world (ids, tokens): what fast-check generates and shrinks. */
export type Sym =
  | { kind: 'rest'; t: number; caller: CallerName; ids: IdChoice[]; raws: string[]; query: [string, string][]; headers: HeaderChoice; body: BodySpec; salt: number; sign: boolean; poison: number }
  | { kind: 'graphql'; caller: CallerName; headers: HeaderChoice; gql: GqlSym }
  | { kind: 'unknown'; method: Method; segments: string[]; caller: CallerName; headers: HeaderChoice; query: [string, string][]; body: BodySpec }
  | { kind: 'read'; form: 'list' | 'by-id' | 'count' | 'me' | 'usage'; collection: string; caller: CallerName; id: IdChoice }

/** Field names the custom endpoints read from their JSON bodies (so a body reaches their checks). */
const BODY_HINTS: Record<string, string[]> = {
  '/tenants/signup': ['shopName', 'slug', 'name', 'email', 'password', 'demoData'],
  '/tenants/:id/invite': ['email', 'role'],
  '/invitations/accept': ['token', 'name', 'password'],
  '/storefront/orders': ['customer', 'items', 'paymentMethod', 'notes'],
  '/message-templates/sync': ['number'],
  '/conversations/:id/customer': ['name', 'phone'],
  '/users/login': ['email', 'password', 'username'],
  '/users/forgot-password': ['email'],
  '/users/reset-password': ['token', 'password'],
  '/users/unlock': ['email'],
  '/users/first-register': ['email', 'password', 'roles'],
}

/** The world-independent part of the fuzz: targets, poisons, field names, the GraphQL schema. */
export type Plan = { targets: Target[]; fields: Record<string, string[]>; poisons: Record<string, Poison[]>; collections: string[]; schema: GraphQLSchema }

export function planOf(config: SanitizedConfig, schema: GraphQLSchema): Plan {
  const fields: Record<string, string[]> = {}
  const poisons: Record<string, Poison[]> = {}
  for (const collection of config.collections) {
    const flat = (collection.flattenedFields ?? collection.fields) as { name?: string }[]
    fields[collection.slug] = flat.map((f) => f.name).filter((n): n is string => Boolean(n))
    poisons[collection.slug] = poisonsOf(flat)
  }
  return { targets: targetsOf(config), fields, poisons, collections: config.collections.map((c) => c.slug), schema }
}

const paramsOf = (pattern: string) => [...pattern.matchAll(/:(\w+)\??/g)].map((m) => m[1])

/** A storefront order body: the right shape, hostile leaves, never a real product. */
const orderBody = fc.record({
  customer: fc.oneof(
    fc.record({ name: fc.oneof(hostileString, fc.constant('Fuzz')), phone: fc.oneof(hostileString, fc.constant('+8801712345678')), email: fc.option(hostileString), address: fc.option(fc.anything()) }),
    fc.anything(),
  ),
  items: fc.oneof(
    fc.array(fc.record({ sku: fc.option(hostileString), productId: fc.option(fc.oneof(hostileString, fc.uuid())), quantity: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1.5, 1e9, '1', null)) }), {
      maxLength: 60,
    }),
    fc.anything(),
  ),
  paymentMethod: fc.option(fc.oneof(fc.constantFrom('cod', 'prepaid', 'bitcoin'), hostileString)),
  notes: fc.option(hostileString),
})

/** A CSV for the importer: known and unknown columns, hostile cells, broken quoting. */
const csvBody = fc
  .tuple(
    fc.subarray(['name', 'sku', 'price', 'compare_at_price', 'currency', 'stock', 'status', 'category', 'description', 'phone', 'email', 'tags', 'source', 'address_country', 'nope', '', '=cmd|calc', 'name'], {
      minLength: 1,
      maxLength: 6,
    }),
    fc.array(
      fc.array(
        fc.oneof(
          hostileString.filter((s) => s.length < 2_000),
          fc.constantFrom('"', '""', '"a"b', '=1+1', '-1', '1e400', 'abc', '', '\r', '\n'),
        ),
        { maxLength: 7 },
      ),
      { maxLength: 6 },
    ),
    fc.constantFrom('\n', '\r\n', '\r', ';'),
    fc.constantFrom('', '\ufeff'),
  )
  .map(([header, rows, eol, bom]) => bom + [header.join(','), ...rows.map((r) => r.join(','))].join(eol))

/** Requests to one route of the config (its index in `plan.targets`). */
export function routeArbitrary(plan: Plan, t: number): fc.Arbitrary<Sym> {
  const target = plan.targets[t]
  const names = [...(plan.fields[target.collection ?? ''] ?? []), ...(BODY_HINTS[target.pattern] ?? [])]
  let body: fc.Arbitrary<BodySpec> = bodySpec(names)
  if (target.pattern === '/storefront/orders')
    body = fc.oneof({ weight: 2, arbitrary: orderBody.map((value) => ({ kind: 'json' as const, value, contentType: 'application/json' })) }, { weight: 1, arbitrary: body })
  if (target.pattern === '/imports/:collection')
    body = fc.oneof(
      { weight: 2, arbitrary: fc.tuple(csvBody, fc.constantFrom('text/csv', 'text/plain', 'application/csv', '')).map(([text, type]) => ({ kind: 'text' as const, text, contentType: type || null })) },
      { weight: 1, arbitrary: csvBody.map((text) => ({ kind: 'multipart' as const, parts: [{ name: 'file', filename: 'x.csv', type: 'text/csv', content: text }], breakage: 'none' as const })) },
      { weight: 1, arbitrary: body },
    )
  if (target.pattern === '/meta/webhook' && target.method === 'POST')
    body = fc.oneof({ weight: 2, arbitrary: metaDelivery.map((value) => ({ kind: 'json' as const, value, contentType: 'application/json' })) }, { weight: 1, arbitrary: body })
  if (target.method === 'GET') body = fc.constant({ kind: 'none' as const })
  return fc.record({
    kind: fc.constant('rest' as const),
    t: fc.constant(t),
    caller: fc.constantFrom(...(target.callers ?? CALLERS)),
    ids: fc.array(idChoice, { minLength: 3, maxLength: 3 }),
    raws: fc.array(
      fc.oneof(
        hostileString.filter((s) => s.length < 3_000),
        fc.constantFrom('products', 'customers', 'leads', 'orders', 'users', ''),
      ),
      { minLength: 3, maxLength: 3 },
    ),
    query: queryPairs(names),
    headers: headerChoice,
    body,
    salt: fc.nat(),
    sign: fc.boolean(),
    poison: fc.nat(),
  })
}

/**
 * Every generated request. `only` (FUZZ_ONLY, a regular expression on route names such as
 * `POST /tenants/signup` or `graphql`) narrows the run to some routes, for exploring them.
 */
export function symArbitrary(plan: Plan, only?: RegExp): fc.Arbitrary<Sym> {
  const indices = plan.targets.map((_, i) => i).filter((i) => !only || only.test(plan.targets[i].name))
  const builtin = indices.filter((i) => plan.targets[i].builtin)
  const custom = indices.filter((i) => !plan.targets[i].builtin)
  const ops = graphqlOps(plan.schema, plan.collections)
  const keep = (name: string) => !only || only.test(name)
  const kinds = [
    { weight: 45, arbitrary: builtin.length ? fc.constantFrom(...builtin).chain((t) => routeArbitrary(plan, t)) : null },
    { weight: 25, arbitrary: custom.length ? fc.constantFrom(...custom).chain((t) => routeArbitrary(plan, t)) : null },
    { weight: 15, arbitrary: keep('graphql') ? fc.record({ kind: fc.constant('graphql' as const), caller: fc.constantFrom(...CALLERS), headers: headerChoice, gql: gqlSym(ops) }) : null },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('unknown' as const),
        method: fc.constantFrom<Method>('GET', 'POST', 'PATCH', 'DELETE', 'PUT'),
        segments: fc.array(
          fc.oneof(
            fc.constantFrom(...plan.collections, 'nope', 'graphql', 'access', 'count', 'versions', '..', '%2e%2e', '%00', ''),
            hostileString.filter((s) => s.length < 500),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        caller: fc.constantFrom(...CALLERS),
        headers: headerChoice,
        query: queryPairs([]),
        body: bodySpec([]),
      }),
    },
    {
      weight: 11,
      arbitrary: fc.record({
        kind: fc.constant('read' as const),
        form: fc.constantFrom('list', 'list', 'by-id', 'count', 'me', 'usage'),
        collection: fc.constantFrom(...plan.collections),
        caller: fc.constantFrom(...CALLERS),
        id: idChoice,
      }),
    },
  ]
  const chosen = kinds.map((k, i) => ({ ...k, arbitrary: i >= 3 && only ? (keep(i === 3 ? 'unknown route' : 'read') ? k.arbitrary : null) : k.arbitrary }))
  const usable = chosen.filter((k): k is { weight: number; arbitrary: fc.Arbitrary<Sym> } => k.arbitrary !== null)
  if (usable.length === 0) throw new Error(`FUZZ_ONLY=${only} matches no route`)
  return fc.oneof(...usable)
}

/**
 * One request to each route (that `only` matches), generated from the seed: fast-check's
 * `examples`, run before the random requests, so every route of the config is tried in every
 * run. They count in fast-check's paths like any run, so FUZZ_PATH replays them too.
 */
export function coverageExamples(plan: Plan, seed: number, only?: RegExp): [Sym][] {
  return plan.targets.flatMap((target, t) => (only && !only.test(target.name) ? [] : [[fc.sample(routeArbitrary(plan, t), { seed: (seed + t * 7_919) | 0, numRuns: 1 })[0]] as [Sym]]))
}

let clients = 0
/** A client address of its own for every request, so per-IP limits measure nothing but this request. */
const nextIp = () => {
  const k = clients++
  return `172.${16 + ((k >> 16) & 15)}.${(k >> 8) & 255}.${k & 255}`
}

const encodeSegment = (segment: string) => enc(segment)
const noHeaders: HeaderChoice = { tenantHeader: 'none', hostileTenant: '', extra: [], badAuth: 'none', badAuthValue: '' }

/** Bulk writes match nothing: the generated `where` is nested under an `and` next to an id no document has. */
function confineBulkWhere(query: [string, string][], id: string): [string, string][] {
  const rest = query.filter(([key]) => !/^where(\[|$)/.test(key))
  const wheres = query.filter(([key]) => /^where(\[|$)/.test(key)).map(([key, value]): [string, string] => [`where[and][1]${key.slice('where'.length)}`, value])
  return [...rest, ['where[and][0][id][equals]', id], ...wheres]
}

/** The concrete request a generated one stands for, in this world. */
export function resolve(sym: Sym, plan: Plan, world: World): Concrete {
  const ip = nextIp()
  if (sym.kind === 'read') {
    const resolved = resolveId(world, sym.id, sym.collection, sym.caller, false)
    const id = /^\.{1,2}$/.test(resolved) ? '...' : resolved
    const path = { list: `/${sym.collection}?limit=2&depth=0`, 'by-id': `/${sym.collection}/${encodeSegment(id)}?depth=1`, count: `/${sym.collection}/count`, me: '/users/me', usage: '/usage' }[sym.form]
    return {
      method: 'GET',
      path,
      headers: headersFor(world, sym.caller, noHeaders, ip, null),
      target: `read ${sym.form}`,
      shape: `read ${sym.form}`,
      caller: sym.caller,
      mustRefuse: false,
      write: false,
      kind: 'rest',
    }
  }
  if (sym.kind === 'graphql') {
    const caller = sym.gql.op.callers && !sym.gql.op.callers.includes(sym.caller) ? sym.gql.op.callers[0] : sym.caller
    const idOf = (ref: IdRef) => resolveId(world, ref.choice, ref.collection, caller, ref.write)
    const { body, contentType } = renderEnvelope(sym.gql, idOf)
    const mustRefuse = sym.gql.op.mustRefuse && sym.gql.envelope === 'standard'
    return {
      method: 'POST',
      path: '/graphql',
      headers: headersFor(world, caller, sym.headers, ip, contentType),
      body,
      target: `graphql ${sym.gql.op.operation} ${sym.gql.op.field}`,
      shape: `graphql ${sym.gql.op.operation}`,
      caller,
      mustRefuse,
      write: sym.gql.op.operation === 'mutation',
      kind: 'graphql',
      graphqlField: sym.gql.op.field,
    }
  }
  if (sym.kind === 'unknown') {
    const { body, contentType } = serialise(sym.body)
    return {
      method: sym.method,
      path: `/${sym.segments.map(encodeSegment).join('/')}${queryString(sym.query)}`,
      headers: headersFor(world, sym.caller, sym.headers, ip, sym.method === 'GET' ? null : contentType),
      body: sym.method === 'GET' ? undefined : body,
      target: 'unknown route',
      shape: `unknown route ${sym.method}`,
      caller: sym.caller,
      mustRefuse: false,
      write: sym.method !== 'GET',
      // A generated "unknown" path can come out as `graphql`, which is the GraphQL route (its errors have GraphQL's shape).
      kind: sym.method === 'POST' && sym.segments.join('/') === 'graphql' ? 'graphql' : 'rest',
    }
  }

  const target = plan.targets[sym.t]
  const pick = chooser(sym.salt)
  const writeId = (collection = target.collection) => resolveId(world, { ...sym.ids[2], kind: pick(['foreign', 'raw', 'raw'] as const) }, collection, sym.caller, true)
  // Path parameters: ids by the id rules, the rest hostile (an optional one may be left out).
  const params = paramsOf(target.pattern)
  let path = target.pattern
  params.forEach((name, i) => {
    // `.` and `..` would be resolved away by the URL (another route, tried as unknown routes).
    const raw = /^\.{1,2}$/.test(sym.raws[i] ?? '') ? '...' : (sym.raws[i] ?? '')
    const id = name === 'id' ? resolveId(world, sym.ids[i], target.collection, sym.caller, target.write) : raw
    const value = /^\.{1,2}$/.test(id) ? '...' : id
    path = path.replace(new RegExp(`/:${name}\\??`), value === '' && target.pattern.includes(`:${name}?`) ? '' : `/${encodeSegment(value)}`)
  })

  const draft: Draft = { query: sym.query, json: undefined, caller: sym.caller }
  let body = sym.body
  if (body.kind === 'json') draft.json = body.value && typeof body.value === 'object' && !Array.isArray(body.value) && !(body.value instanceof Deep) ? { ...body.value } : body.value
  if (/^(PATCH|DELETE) \/[^/]+$/.test(`${target.method} ${target.pattern}`) && target.builtin)
    draft.query = confineBulkWhere(draft.query, `00000000-0000-4000-8000-${(sym.salt % 1e12).toString().padStart(12, '0')}`)
  target.guard?.(draft, pick, { writeId, notAnEmail: () => fc.sample(notAnEmail, { seed: sym.salt, numRuns: 1 })[0] })

  // A create carries one field its validation refuses (targets.ts, poisonsOf).
  const poisons = target.collection ? (plan.poisons[target.collection] ?? []) : []
  if (target.builtin && target.pattern === `/${target.collection}` && target.method === 'POST' && poisons.length > 0) {
    const poison = poisons[sym.poison % poisons.length]
    if (draft.json && typeof draft.json === 'object' && !Array.isArray(draft.json)) (draft.json as Record<string, unknown>)[poison.field] = poison.value
    if (body.kind === 'multipart')
      body = { ...body, parts: [...body.parts.filter((p) => p.name !== '_payload'), { name: '_payload', content: withField(body.parts.find((p) => p.name === '_payload')?.content, poison) }] }
  }
  if (body.kind === 'json') body = { ...body, value: draft.json }
  const { body: raw, contentType } = serialise(body)
  const headers = headersFor(world, sym.caller, sym.headers, ip, contentType)
  if (target.pattern === '/meta/webhook' && target.method === 'POST' && sym.sign && raw !== undefined) headers['x-hub-signature-256'] = signMeta(raw)
  return {
    method: target.method,
    path: `${path}${queryString(draft.query)}`,
    headers,
    body: target.method === 'GET' ? undefined : raw,
    target: target.name,
    shape: target.collection ? target.name.replace(`/${target.collection}`, '/<collection>') : target.name,
    caller: sym.caller,
    mustRefuse: target.mustRefuse,
    write: target.write,
    kind: 'rest',
  }
}

/**
 * A JSON object's text with one more field, written last so that it wins over the same key
 * earlier (JSON.parse keeps the last). Textual: the object may be nested too deeply to parse
 * and write again.
 */
function withField(text: string | undefined, { field, value }: Poison): string {
  const extra = `${JSON.stringify(field)}:${toJson(value)}`
  const trimmed = text?.trim() ?? ''
  if (!/^\{[\s\S]*\}$/.test(trimmed)) return `{${extra}}`
  return /^\{\s*\}$/.test(trimmed) ? `{${extra}}` : `${trimmed.slice(0, -1)},${extra}}`
}
