import type { Config } from 'payload'

import { depthLimit } from './depth-rule'
import { codeValidationErrors } from './validation-codes'

/**
 * Payload's complexity budget for one query: each field costs 1, each relationship, upload or
 * join 10 (Payload's estimators). A full list of orders with customer, items' products and
 * tenant costs 69; the app's largest real query (tests/int/meta-no-secrets) 79. 300 allows a
 * few such lists in one request, not dozens of aliased copies.
 */
export const MAX_QUERY_COMPLEXITY = 300

type Env = Record<string, string | undefined>

/**
 * The GraphQL playground (a page that lets anyone browse the schema) is for development: in
 * production it is there only with GRAPHQL_PLAYGROUND=1. Payload's switch
 * (`disablePlaygroundInProduction`, below) is read only when NODE_ENV is `production`, so the
 * route checks this first (playground.ts), which a test can call with any environment.
 */
export const playgroundEnabled = (env: Env = process.env): boolean => env.NODE_ENV !== 'production' || env.GRAPHQL_PLAYGROUND === '1'

/** Config `graphQL` limits (payload.config.ts); the route's body guard (body-guard.ts) runs before them. */
export const graphqlLimits = {
  maxComplexity: MAX_QUERY_COMPLEXITY,
  validationRules: () => [depthLimit(), codeValidationErrors],
  disablePlaygroundInProduction: !playgroundEnabled({ ...process.env, NODE_ENV: 'production' }),
} satisfies Config['graphQL']
