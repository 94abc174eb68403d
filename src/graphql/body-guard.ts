import { GraphQLError, Kind, parse, visit, type DocumentNode } from 'graphql'

import { AppError } from '../errors/app-error'
import { mediaTypeOf, readLimited, withBody } from '../http/body-bytes'
import { MAX_NESTING, nestsDeeperThan } from '../http/nesting'
import type { GraphqlHandler as Handler } from '../http/route-handler'

/**
 * The largest GraphQL request body. A query is text a person or a client library writes: the
 * longest the app's tests and a full list query send are a few KiB; Payload's upload over
 * GraphQL is not supported (graphql-http reads JSON only).
 */
export const MAX_GRAPHQL_BODY_BYTES = 256 * 1024

/**
 * graphql-http answers a query that does not parse (and a missing one) itself, with an error
 * that carries no code. Parsing it here first (cheap: the nesting is already bounded) answers it
 * as `invalid_query` with graphql-js's words and position.
 */
function assertParses(query: string, operationName: unknown): void {
  let document: DocumentNode
  try {
    document = parse(query, { noLocation: true })
  } catch (error) {
    if (error instanceof GraphQLError) {
      const at = error.locations?.[0]
      throw new AppError('invalid_query', `${error.message}${at ? ` (line ${at.line}, column ${at.column})` : ''}`, { path: 'query' })
    }
    throw error
  }
  assertNoFragmentCycle(document)
  assertConditionsAreBooleans(document)
  // graphql-http answers "Unable to detect operation AST" without a code when none, or several
  // without an operationName, are there.
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
  if (operations.length === 0) throw new AppError('invalid_query', 'The query has no operation (query, mutation or subscription).', { path: 'query' })
  const named = typeof operationName === 'string' && operationName !== ''
  if (named && !operations.some((o) => o.name?.value === operationName)) throw new AppError('invalid_query', `The query has no operation named "${operationName}".`, { path: 'operationName' })
  if (!named && operations.length > 1) throw new AppError('invalid_query', 'The query has several operations: name the one to run in `operationName`.', { path: 'operationName' })
}

/**
 * `@include(if: "text")`: graphql-js's rules would refuse it, but Payload's complexity rule reads
 * the condition first and throws outside the validation (a 500, found by the fuzz test). The
 * condition of `@include`/`@skip` must be true, false or a variable; refused here first.
 */
function assertConditionsAreBooleans(document: DocumentNode): void {
  visit(document, {
    Directive: (node) => {
      if (node.name.value !== 'include' && node.name.value !== 'skip') return
      const condition = node.arguments?.find((a) => a.name.value === 'if')?.value
      if (!condition || (condition.kind !== Kind.BOOLEAN && condition.kind !== Kind.VARIABLE)) {
        throw new AppError('invalid_query', `@${node.name.value} needs \`if:\` true, false or a Boolean variable.`, { path: 'query' })
      }
    },
  })
}

/**
 * A fragment that spreads itself (directly or through others) is invalid GraphQL, but Payload's
 * complexity rule walks the spreads before graphql-js's NoFragmentCycles rule can refuse it, and
 * overflows the stack (a 500, found by the fuzz test). Refused here first, as `invalid_query`.
 */
function assertNoFragmentCycle(document: DocumentNode): void {
  const spreads = new Map<string, string[]>()
  for (const def of document.definitions) {
    if (def.kind !== Kind.FRAGMENT_DEFINITION) continue
    const names: string[] = []
    visit(def.selectionSet, { FragmentSpread: (node) => void names.push(node.name.value) })
    spreads.set(def.name.value, names)
  }
  const done = new Set<string>()
  const walk = (name: string, path: string[]): void => {
    if (path.includes(name)) throw new AppError('invalid_query', `Fragment "${name}" spreads itself (${[...path, name].join(' → ')}); fragments cannot form a cycle.`, { path: 'query' })
    if (done.has(name)) return
    for (const next of spreads.get(name) ?? []) walk(next, [...path, name])
    done.add(name)
  }
  for (const name of spreads.keys()) walk(name, [])
}

const tooNested = (what: string) => new AppError('query_too_complex', `The ${what} nests brackets more than ${MAX_NESTING} levels deep; send a flatter one.`)

/**
 * Around Payload's GraphQL POST handler (src/http/route-handlers.ts): the body is JSON of at
 * most MAX_GRAPHQL_BODY_BYTES (415 / 413 before it is read in full), it parses (400
 * `invalid_json`, where Payload would answer REST's body), and neither it nor its query nests
 * too deeply (400 `query_too_complex`). The errors are GraphQL-shaped by withErrorResponse.
 */
export const withGraphqlBodyGuard =
  (handler: Handler): Handler =>
  async (request) => {
    const { type, params } = mediaTypeOf(request.headers)
    // graphql-http reads only JSON in UTF-8 (and answers anything else with an empty 415).
    if (type !== 'application/json' || !/^(\s*charset=utf-8\s*)?$/.test(params)) {
      throw new AppError('unsupported_media_type', 'Send GraphQL requests as JSON: Content-Type: application/json, body { "query": "…", "variables": { … } }.')
    }
    const bytes = await readLimited(request, MAX_GRAPHQL_BODY_BYTES)
    const text = new TextDecoder().decode(bytes)
    if (nestsDeeperThan(text, MAX_NESTING, 'json')) throw tooNested('body')
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch (error) {
      throw new AppError('invalid_json', `The body is not valid JSON (${(error as Error).message}); send { "query": "…", "variables": { … } }.`)
    }
    const query = (body as { query?: unknown } | null)?.query
    if (typeof query !== 'string' || !query.trim()) throw new AppError('invalid_input', 'Send the GraphQL query as a string: { "query": "…", "variables": { … } }.', { path: 'query' })
    if (nestsDeeperThan(query, MAX_NESTING, 'graphql')) throw tooNested('query')
    assertParses(query, (body as { operationName?: unknown }).operationName)
    return handler(withBody(request, bytes, answerAsJson(request.headers)))
  }

/**
 * graphql-http answers an Accept it cannot serve with an empty 406. Every client reads JSON, and
 * the answer is JSON whatever was asked: ask graphql-http for JSON when the client's Accept names
 * neither JSON type (a missing or odd Accept is a client's mistake, not a reason to answer nothing).
 */
const answerAsJson = (headers: Headers): Headers => {
  const accept = headers.get('accept') ?? ''
  if (/application\/(graphql-response\+)?json|\*\/\*/i.test(accept)) return headers
  const copy = new Headers(headers)
  copy.set('accept', 'application/json')
  return copy
}
