import { classify, type Classified } from '../errors/classify'

type Handler = (request: Request, context?: any) => Promise<Response>

/** The body an error answers with: REST's own body by default (GraphQL's: src/graphql/error-body.ts). */
export type ErrorFormat = (classified: Classified) => unknown

/**
 * The last net of a route handler: an error that escapes Payload's own handling (thrown before
 * its try/catch — creating the request, the auth strategies reading the database — or by the
 * GraphQL handler around its body parsing, or by a body guard) answers the one error body with
 * its status instead of Next.js's empty 500. Payload's config `afterError` is not called for
 * these (there is no `req` yet); what it would log as a 500 is logged here.
 */
export const withErrorResponse =
  (handler: Handler, format: ErrorFormat = ({ body }) => body): Handler =>
  async (request, context) => {
    try {
      return await handler(request, context)
    } catch (error) {
      const classified = classify(error)
      if (classified.status >= 500 && classified.status !== 503) console.error('Unhandled error in an API route:', error)
      return Response.json(format(classified), { status: classified.status, headers: classified.headers })
    }
  }
