import type { AfterErrorHook } from 'payload'

import { classify } from './classify'

/**
 * Config `afterError`: every error of every REST route answers
 * `{ error: <code>, message, errors: [{ path, message }], ...details }` with the code's status,
 * and every GraphQL error keeps graphql-js's entry (`message`, `path`, `locations`) with
 * `extensions: { code, statusCode, errors, ...details }`. Headers an error needs (Retry-After)
 * go on `req.responseHeaders`, which Payload adds to error responses.
 */
export const shapeErrors: AfterErrorHook = ({ error, graphqlResult, req }) => {
  const { status, body, headers } = classify(error)
  if (headers) {
    req.responseHeaders ??= new Headers()
    for (const [key, value] of Object.entries(headers)) req.responseHeaders.set(key, value)
  }
  if (graphqlResult) {
    const { error: code, message, errors, ...details } = body
    const previous = (graphqlResult.extensions ?? {}) as Record<string, unknown>
    return {
      graphqlResult: {
        ...graphqlResult,
        message: status >= 500 && code === 'internal_error' ? graphqlResult.message : message,
        extensions: { ...details, name: previous.name, data: previous.data, code, statusCode: status, errors },
      },
    }
  }
  return { response: body, status }
}
