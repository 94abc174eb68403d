import { classify, type Classified } from '../errors/classify'
import { recordedRequestFailure, runWithFailureSlot } from './request-failure'

type Handler = (request: Request, context?: any) => Promise<Response>

/** The REST body as is; for GraphQL, one error entry as config afterError shapes them (shape-errors.ts). */
const bodyOf = ({ status, body }: Classified, api: 'graphql' | 'rest') => {
  if (api === 'rest') return body
  const { error: code, message, errors, ...details } = body
  return { errors: [{ message, extensions: { ...details, code, statusCode: status, errors } }] }
}

/**
 * The last net of a route handler: an error that escapes Payload's own handling (thrown before
 * its try/catch — creating the request, the auth strategies reading the database — or by the
 * GraphQL handler around its body parsing) answers the one error body with its status instead
 * of Next.js's empty 500 (GraphQL's route: a GraphQL `errors` entry). Payload's config
 * `afterError` is not called for these (there is no `req` yet); what it would log as a 500 is
 * logged here. A cause recorded on the way (request-failure.ts) is answered instead of the
 * error Payload made of it.
 */
export const withErrorResponse =
  (handler: Handler, api: 'graphql' | 'rest' = 'rest'): Handler =>
  (request, context) =>
    runWithFailureSlot(async () => {
      try {
        return await handler(request, context)
      } catch (error) {
        const classified = classify(recordedRequestFailure() ?? error)
        if (classified.status >= 500 && classified.status !== 503) console.error('Unhandled error in an API route:', error)
        return Response.json(bodyOf(classified, api), { status: classified.status, headers: classified.headers })
      }
    })
