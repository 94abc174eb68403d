import fc from 'fast-check'
import type { GraphQLArgument, GraphQLField, GraphQLInputType, GraphQLObjectType, GraphQLSchema, GraphQLType } from 'graphql'

// By shape, not graphql-js's `is…Type`: @payloadcms/graphql builds the schema with the CommonJS
// build of graphql and this file would get the ES one, whose instanceof checks refuse the other's
// types ("from another module or realm").
type AnyType = {
  ofType?: AnyType
  name?: string
  toString(): string
  getFields?: () => Record<string, any>
  getValues?: () => { name: string }[]
  getInterfaces?: unknown
  getTypes?: unknown
  serialize?: unknown
}
const t = (type: unknown) => type as AnyType
const isNonNullType = (type: unknown): type is { ofType: GraphQLInputType } => Boolean(t(type).ofType) && String(type).endsWith('!')
const isListType = (type: unknown): type is { ofType: GraphQLInputType } => Boolean(t(type).ofType) && String(type).startsWith('[') && !String(type).endsWith('!')
const getNamedType = (type: unknown): AnyType => {
  let current = t(type)
  while (current.ofType) current = current.ofType
  return current
}
const isEnumType = (type: unknown): type is { getValues: () => { name: string }[] } => typeof t(type).getValues === 'function'
const isInputObjectType = (type: unknown): type is { getFields: () => Record<string, { name: string; type: GraphQLInputType }> } =>
  !t(type).ofType && typeof t(type).getFields === 'function' && typeof t(type).getInterfaces !== 'function'
const isObjectType = (type: unknown): boolean => !t(type).ofType && typeof t(type).getFields === 'function' && typeof t(type).getInterfaces === 'function'
const isScalarType = (type: unknown): type is { name: string } => !t(type).ofType && typeof t(type).serialize === 'function' && typeof t(type).getValues !== 'function'

import { idChoice, type IdChoice } from './requests'
import { Deep, deepNesting, hostileJson, hostileNumber, hostileString, hugeString, toJson } from './values'
import type { CallerName } from './world'

/** Markers inside generated argument values, rendered when the request is sent. */
export class IdRef {
  constructor(
    readonly choice: IdChoice,
    readonly collection: string | undefined,
    readonly write: boolean,
  ) {}
}
export class EnumRef {
  constructor(readonly name: string) {}
}

export type GqlOp = {
  operation: 'query' | 'mutation'
  field: string
  /** The field's data must stay null: a mutation built to be refused. */
  mustRefuse: boolean
  callers?: readonly CallerName[]
  args: [string, unknown, string][] // name, value, the argument's type as written in a variable definition
  selection: string
  variables: boolean
  aliases: number
}

export type GqlEnvelope =
  | 'standard'
  | 'batch'
  | 'variables-not-object'
  | 'query-not-string'
  | 'no-query'
  | 'operation-name'
  | 'truncated'
  | 'garbage'
  | 'raw-graphql'
  | 'text-plain'
  | 'broken-json'
  | 'fragment-cycle'
  | 'deep-selection'
  | 'alias-bomb'
  | 'huge-string'
  | 'directive'

export type GqlSym = { op: GqlOp; envelope: GqlEnvelope; garbage: string; keep: number; extra: unknown }

/** The collection a GraphQL field belongs to (Payload names them from the slug: `Products`, `allMedia`, `updateProduct`, `meUser`…). */
const collectionOfField = (name: string, slugsByName: Map<string, string>): string | undefined => {
  const stem = name
    .replace(/^(create|update|delete|duplicate|restoreVersion|count|docAccess|versions|version|all|me|initialized|login|logout|refreshToken|forgotPassword|resetPassword|unlock|verifyEmail)(?=[A-Z])/, '')
    .toLowerCase()
  return [stem, `${stem}s`, `${stem}es`, stem.replace(/y$/, 'ies')].map((s) => slugsByName.get(s)).find(Boolean)
}

const typeString = (type: GraphQLType): string => String(type)

/** A value for an input type: well typed with hostile content, or of another type altogether. */
function valueFor(type: GraphQLInputType, depth: number, ctx: { collection?: string; write: boolean; argName: string }): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(hostileJson, fc.constantFrom(null, 1, 'x', true, [], {}))
  if (isNonNullType(type)) return fc.oneof({ weight: 9, arbitrary: valueFor(type.ofType, depth, ctx) }, { weight: 1, arbitrary: fc.constant(null) })
  if (isListType(type))
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(valueFor(type.ofType, depth + 1, ctx), { maxLength: depth > 1 ? 1 : 3 }) },
      { weight: 1, arbitrary: valueFor(type.ofType, depth + 1, ctx) },
      { weight: 1, arbitrary: wrong },
    )
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => new EnumRef(v.name))
    return fc.oneof(
      { weight: 4, arbitrary: values.length ? fc.constantFrom(...values) : fc.constant(new EnumRef('none')) },
      { weight: 1, arbitrary: fc.constantFrom(new EnumRef('not_an_option'), 'not_an_option') },
      { weight: 1, arbitrary: wrong },
    )
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({})
    const fields = Object.values(type.getFields())
    if (fields.length === 0) return fc.constant({})
    return fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .subarray(fields, { maxLength: Math.min(4, fields.length) })
          .chain((chosen) => fc.tuple(...chosen.map((f) => valueFor(f.type, depth + 1, { ...ctx, argName: f.name }).map((v) => [f.name, v] as const))))
          .map((entries) => Object.fromEntries(entries)),
      },
      { weight: 1, arbitrary: wrong },
      { weight: 1, arbitrary: depth === 0 && fields.some((f) => f.name === 'OR') ? deepOr : wrong },
    )
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'String':
      case 'ID':
        if (ctx.argName === 'id' || ctx.argName === 'number') return fc.oneof({ weight: 4, arbitrary: idChoice.map((c) => new IdRef(c, ctx.collection, ctx.write)) }, { weight: 1, arbitrary: wrong })
        if (ctx.argName === 'email') return fc.oneof(hostileString, fc.emailAddress())
        return fc.oneof({ weight: 6, arbitrary: hostileString }, { weight: 1, arbitrary: wrong })
      case 'Int':
        return fc.oneof(fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 1e6), fc.integer({ min: -100, max: 100 }), fc.constantFrom('1', 1.5, null))
      case 'Float':
        return fc.oneof(hostileNumber, fc.constantFrom('1.5', null))
      case 'Boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom('true', 1, null))
      default:
        // JSON, EmailAddress, DateTime… and the app's own scalars.
        return fc.oneof(hostileJson, deepNesting, fc.constantFrom('2026-13-45', 'not-an-email', ''))
    }
  }
  return wrong
}

/** `where: { OR: [{ OR: [ … ] }] }` hundreds of levels deep. */
const deepOr = fc.constantFrom(10, 100, 1_000, 10_000).map((depth) => new Deep(depth, 'or', { id: { equals: 'x' } }))

/** A selection set for an output type: a few scalar fields and a nested object or two. */
function selectionFor(type: GraphQLType, depth: number, maxDepth: number): fc.Arbitrary<string> {
  const named = getNamedType(type)
  if (!isObjectType(named)) return fc.constant('')
  const fields = Object.values((named as GraphQLObjectType).getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type)))
  const leaves = fields.filter((f) => !isObjectType(getNamedType(f.type)) && !('getTypes' in getNamedType(f.type)))
  const nested = fields.filter((f) => isObjectType(getNamedType(f.type)))
  const leaf = leaves.length
    ? fc.subarray(
        leaves.map((f) => f.name),
        { minLength: 1, maxLength: Math.min(3, leaves.length) },
      )
    : fc.constant(['__typename'])
  if (depth >= maxDepth || nested.length === 0) return leaf.map((names) => `{ ${names.join(' ')} }`)
  return fc
    .tuple(
      leaf,
      fc
        .subarray(nested, { maxLength: Math.min(depth === 0 ? 2 : 1, nested.length) })
        .chain((chosen) => (chosen.length ? fc.tuple(...chosen.map((f) => selectionFor(f.type, depth + 1, maxDepth).map((s) => `${f.name} ${s}`))) : fc.constant([] as string[]))),
    )
    .map(([names, subs]) => `{ ${[...names, ...subs].join(' ')} }`)
}

/** Mutations that end the caller's session: strangers only. */
const SESSION_ENDING = /^(logout|refreshToken)/

/** Every query and mutation of the schema, with hostile arguments and a selection. */
export function graphqlOps(schema: GraphQLSchema, collectionSlugs: string[]): fc.Arbitrary<GqlOp> {
  const slugsByName = new Map<string, string>()
  for (const slug of collectionSlugs) slugsByName.set(slug.replace(/[-_]/g, '').toLowerCase(), slug)
  const opFor = (operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): fc.Arbitrary<GqlOp> => {
    const collection = collectionOfField(field.name, slugsByName)
    const create = operation === 'mutation' && /^create/.test(field.name)
    const byId = operation === 'mutation' && /^(update|delete|duplicate|restoreVersion)/.test(field.name)
    const write = operation === 'mutation'
    const argArbs = field.args.map((arg: GraphQLArgument) => fc.tuple(fc.constant(arg.name), valueFor(arg.type, 0, { collection, write, argName: arg.name }), fc.constant(typeString(arg.type)), fc.boolean()))
    return fc
      .record({
        args: argArbs.length ? fc.tuple(...argArbs) : fc.constant([] as [string, unknown, string, boolean][]),
        selection: selectionFor(field.type, 0, 3),
        variables: fc.boolean(),
        aliases: fc.oneof({ weight: 9, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 12 }) }),
      })
      .map(({ args, selection, variables, aliases }) => {
        // Keep required arguments, drop some optional ones.
        let kept = args.filter(([name, , type, keep]) => keep || type.endsWith('!') || name === 'id' || name === 'data').map(([n, v, t]) => [n, v, t] as [string, unknown, string])
        if (create) kept = kept.map(([n, v, t]) => (n === 'data' ? [n, poisonInput(field.args.find((a) => a.name === 'data')!.type, v), t] : [n, v, t]))
        return {
          operation,
          field: field.name,
          mustRefuse: create || byId,
          callers: operation === 'mutation' && SESSION_ENDING.test(field.name) ? (['anonymous'] as const) : undefined,
          args: kept,
          selection,
          variables,
          aliases,
        }
      })
  }
  const queries = Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) => opFor('query', f))
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => opFor('mutation', f))
  return fc.oneof({ weight: 3, arbitrary: fc.oneof(...queries) }, { weight: 2, arbitrary: fc.oneof(...mutations) })
}

/**
 * A create's `data` with one field of the wrong type: GraphQL refuses the whole operation
 * before it runs, whatever the rest holds (the fuzz never creates anything).
 */
function poisonInput(type: GraphQLInputType, value: unknown): unknown {
  const named = getNamedType(type)
  if (!isInputObjectType(named)) return value
  const fields = Object.values(named.getFields())
  const target = fields.find((f) => isNonNullType(f.type)) ?? fields.find((f) => isEnumType(getNamedType(f.type))) ?? fields[0]
  if (!target) return value
  const base = value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {}
  const inner = getNamedType(target.type)
  const poisoned = isNonNullType(target.type)
    ? null
    : isEnumType(inner)
      ? new EnumRef('fuzz_not_an_option')
      : isInputObjectType(inner)
        ? 'not an object'
        : isScalarType(inner) && ['Int', 'Float', 'Boolean'].includes(inner.name)
          ? { not: 'a scalar' }
          : { not: 'a string' }
  return { ...base, [target.name]: poisoned }
}

export const gqlSym = (ops: fc.Arbitrary<GqlOp>): fc.Arbitrary<GqlSym> =>
  fc.record({
    op: ops,
    envelope: fc.oneof(
      { weight: 30, arbitrary: fc.constant('standard' as const) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<GqlEnvelope>(
          'batch',
          'variables-not-object',
          'query-not-string',
          'no-query',
          'operation-name',
          'truncated',
          'garbage',
          'raw-graphql',
          'text-plain',
          'broken-json',
          'fragment-cycle',
          'deep-selection',
          'alias-bomb',
          'huge-string',
          'directive',
        ),
      },
    ),
    garbage: fc.oneof(
      hostileString,
      fc.constantFrom('{', '}', 'query {', 'mutation', '{ __schema { types { fields { type { fields { type { name } } } } } } }', 'subscription { x }', '{ a: __typename @skip(if: "x") }', '#', '\u0000'),
    ),
    keep: fc.double({ min: 0, max: 0.99, noNaN: true }),
    extra: fc.oneof(hostileJson, hugeString),
  })

/** GraphQL's literal syntax for a generated value. */
function literal(value: unknown, id: (ref: IdRef) => string): string {
  if (value instanceof Deep) return value.wrap((leaf) => literal(leaf, id), true)
  if (value instanceof IdRef) return JSON.stringify(id(value))
  if (value instanceof EnumRef) return value.name
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, id)).join(', ')}]`
  if (value && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : '_bad'}: ${literal(v, id)}`)
      .join(', ')} }`
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0'
  if (value === undefined) return 'null'
  return JSON.stringify(value)
}

/** The JSON of a variable. */
function variable(value: unknown, id: (ref: IdRef) => string): unknown {
  if (value instanceof Deep) return value
  if (value instanceof IdRef) return id(value)
  if (value instanceof EnumRef) return value.name
  if (Array.isArray(value)) return value.map((v) => variable(v, id))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, variable(v, id)]))
  return value
}

/** The query text and variables of one operation. */
export function renderOp(op: GqlOp, id: (ref: IdRef) => string): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {}
  const defs: string[] = []
  const args = op.args.map(([name, value, type], i) => {
    if (!op.variables) return `${name}: ${literal(value, id)}`
    defs.push(`$v${i}: ${type}`)
    variables[`v${i}`] = variable(value, id)
    return `${name}: $v${i}`
  })
  const call = `${op.field}${args.length ? `(${args.join(', ')})` : ''} ${op.selection}`
  const body = Array.from({ length: op.aliases }, (_, i) => (op.aliases > 1 ? `a${i}: ${call}` : call)).join('\n')
  return { query: `${op.operation} Fuzz${defs.length ? `(${defs.join(', ')})` : ''} {\n${body}\n}`, variables }
}

/** The HTTP body and Content-Type of a GraphQL request. */
export function renderEnvelope(sym: GqlSym, id: (ref: IdRef) => string): { body: string; contentType: string | null } {
  const { query, variables } = renderOp(sym.op, id)
  const json = (value: unknown) => ({ body: toJson(value), contentType: 'application/json' })
  switch (sym.envelope) {
    case 'standard':
      return json({ query, variables })
    case 'batch':
      return json([{ query, variables }, { query: '{ __typename }' }])
    case 'variables-not-object':
      return json({ query, variables: sym.extra })
    case 'query-not-string':
      return json({ query: sym.extra, variables })
    case 'no-query':
      return json({ variables })
    case 'operation-name':
      return json({ query, variables, operationName: typeof sym.extra === 'string' ? sym.extra : 'Nope' })
    case 'truncated':
      return json({ query: query.slice(0, Math.floor(query.length * sym.keep)), variables })
    case 'garbage':
      return json({ query: sym.garbage })
    case 'raw-graphql':
      return { body: query, contentType: 'application/graphql' }
    case 'text-plain':
      return { body: toJson({ query, variables }), contentType: 'text/plain' }
    case 'broken-json': {
      const text = toJson({ query, variables })
      return { body: text.slice(0, Math.floor(text.length * sym.keep)), contentType: 'application/json' }
    }
    case 'fragment-cycle':
      return json({ query: 'query Q { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' })
    case 'deep-selection': {
      const depth = 200 + Math.floor(sym.keep * 2_000)
      return json({ query: `{ ${'Users { docs { tenants { tenant { '.repeat(depth)}id${' } } } }'.repeat(depth)} }` })
    }
    case 'alias-bomb':
      return json({ query: `{ ${Array.from({ length: 5_000 }, (_, i) => `a${i}: __typename`).join(' ')} }` })
    case 'huge-string':
      return json({ query: `{ Products(where: { name: { equals: ${JSON.stringify('x'.repeat(1_000_000))} } }) { totalDocs } }` })
    case 'directive':
      return json({ query: query.replace(/\{\n/, `{\n__typename @include(if: ${JSON.stringify(sym.garbage)}) @skip(if: true) @nope\n`), variables })
  }
}
