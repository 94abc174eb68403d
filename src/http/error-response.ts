import { classify, type Classified } from '../errors/classify'
import { graphqlErrorBody } from '../graphql/error-body'
import { reshapeBareError } from './bare-errors'
import { databaseOutageOfRequest, runWithOutageSlot } from './request-outage'

type Api = 'graphql' | 'rest'

/** The REST body as is; for GraphQL, one error entry as config afterError shapes them (src/graphql/error-body.ts). */
const bodyOf = (classified: Classified, api: Api) => (api === 'rest' ? classified.body : graphqlErrorBody(classified))

const answer = (error: unknown, api: Api): Response => {
  const classified = classify(error)
  if (classified.status >= 500 && classified.status !== 503) console.error('Unhandled error in an API route:', error)
  return Response.json(bodyOf(classified, api), { status: classified.status, headers: classified.headers })
}

/** A refusal (REST 4xx/5xx other than the 503 itself), or GraphQL errors. */
const refuses = async (response: Response, api: Api): Promise<boolean> => {
  if (api === 'rest' || response.status >= 400) return response.status >= 400 && response.status !== 503
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { errors?: unknown[] } | null
  return Array.isArray(body?.errors) && body.errors.length > 0
}

/**
 * The last net of a route handler: an error that escapes Payload's own handling (thrown before
 * its try/catch — creating the request, the auth strategies reading the database — or by the
 * GraphQL handler around its body parsing, or by a body guard) answers the one error body with its status instead
 * of Next.js's empty 500 (GraphQL's route: a GraphQL `errors` entry). Payload's config
 * `afterError` is not called for these (there is no `req` yet); what it would log as a 500 is
 * logged here. When the database was unreachable for this request (request-outage.ts), a
 * refusal — whatever Payload made of that — answers 503 `database_unavailable` instead. A REST
 * refusal Payload answered without an error (an unknown route) gets the one shape (bare-errors.ts).
 */
export const withErrorResponse =
  <A extends unknown[]>(handler: (request: Request, ...rest: A) => Promise<Response>, api: Api = 'rest') =>
  (request: Request, ...rest: A): Promise<Response> =>
    runWithOutageSlot(async () => {
      let response: Response
      try {
        response = await handler(request, ...rest)
      } catch (error) {
        return answer(databaseOutageOfRequest() ?? error, api)
      }
      const outage = databaseOutageOfRequest()
      if (outage !== undefined && (await refuses(response, api))) return answer(outage, api)
      return api === 'rest' ? reshapeBareError(response) : response
    })
