/**
 * What Next.js passes a route handler beside the request, as Payload's REST handlers type it:
 * the catch-all segments of `api/[...slug]`.
 */
export type RouteContext = { params: Promise<{ slug?: string[] }> }

/** A REST route handler as Payload's are (`REST_GET(config)`), and as the wrappers here keep them. */
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>

/** The GraphQL route handler as Payload's is (`GRAPHQL_POST(config)`): the request alone. */
export type GraphqlHandler = (request: Request) => Promise<Response>
