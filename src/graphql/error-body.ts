import type { Classified } from '../errors/classify'

/**
 * An error of the GraphQL route as GraphQL clients read errors: one entry of `errors` whose
 * `extensions` carry the code, the status and the fields, laid out as config `afterError`
 * lays out a resolver's error (src/errors/shape-errors.ts).
 */
export function graphqlErrorBody({ status, body }: Classified) {
  const { error: code, message, errors, ...details } = body
  return { errors: [{ message, extensions: { ...details, code, statusCode: status, errors } }] }
}
