import { AppError } from '../errors/app-error'
import { mediaTypeOf, readLimited, withBody } from '../http/body-bytes'
import { MAX_NESTING, nestsDeeperThan } from '../http/nesting'

type Handler = (request: Request, context?: any) => Promise<Response>

/**
 * The largest GraphQL request body. A query is text a person or a client library writes: the
 * longest the app's tests and a full list query send are a few KiB; Payload's upload over
 * GraphQL is not supported (graphql-http reads JSON only).
 */
export const MAX_GRAPHQL_BODY_BYTES = 256 * 1024

const tooNested = (what: string) =>
  new AppError('query_too_complex', `The ${what} nests brackets more than ${MAX_NESTING} levels deep; send a flatter one.`)

/**
 * Around Payload's GraphQL POST handler (src/http/route-handlers.ts): the body is JSON of at
 * most MAX_GRAPHQL_BODY_BYTES (415 / 413 before it is read in full), it parses (400
 * `invalid_json`, where Payload would answer REST's body), and neither it nor its query nests
 * too deeply (400 `query_too_complex`). The errors are GraphQL-shaped by withErrorResponse.
 */
export const withGraphqlBodyGuard =
  (handler: Handler): Handler =>
  async (request, context) => {
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
    if (typeof query === 'string' && nestsDeeperThan(query, MAX_NESTING, 'graphql')) throw tooNested('query')
    return handler(withBody(request, bytes), context)
  }
