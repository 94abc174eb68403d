import { GraphQLError, type ValidationRule } from 'graphql'

import type { ErrorCode } from '../errors/codes'
import type { FieldError } from '../errors/shape'

const VARIABLE = /^Variable "\$([^"]+)" got invalid value/

function codeOf(message: string): { code: ErrorCode; errors: FieldError[] } {
  // Payload's complexity rule (graphQL.maxComplexity) words its refusal so, with no code.
  if (message.startsWith('The query exceeds the maximum complexity')) return { code: 'query_too_complex', errors: [] }
  // Payload's complexity rule coerces the variables first, so a variable of the wrong type is a validation error.
  const variable = VARIABLE.exec(message)?.[1]
  if (variable) return { code: 'invalid_input', errors: [{ path: variable, message }] }
  return { code: 'invalid_query', errors: [] }
}

/**
 * graphql-http answers a query that fails validation itself, without Payload's error handling,
 * so config `afterError` never gives those errors a code. This rule (last in the list) wraps
 * the validation context's `reportError`, which every rule calls, so that each error carries
 * `extensions: { code, statusCode: 400, errors }` like every other error of the API.
 */
export const codeValidationErrors: ValidationRule = (context) => {
  const report = context.reportError.bind(context)
  context.reportError = (error: GraphQLError) => {
    if (error.extensions.code) return report(error)
    const { code, errors } = codeOf(error.message)
    const { nodes, source, positions, path, originalError } = error
    report(new GraphQLError(error.message, { nodes, source, positions, path, originalError, extensions: { ...error.extensions, code, statusCode: 400, errors } }))
  }
  return {}
}
