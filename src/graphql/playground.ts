import { GRAPHQL_PLAYGROUND_GET } from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

import { AppError } from '../errors/app-error'
import { withErrorResponse } from '../http/error-response'
import { playgroundEnabled } from './options'

/**
 * GET /api/graphql-playground (src/app/(payload)/api/graphql-playground/route.ts): Payload's
 * page where `playgroundEnabled(env)` (options.ts), else 404 `not_found`.
 */
export const playgroundRoute = (config: Promise<SanitizedConfig>, env: Record<string, string | undefined> = process.env) => {
  const page = GRAPHQL_PLAYGROUND_GET(config)
  return {
    GET: withErrorResponse(async (request) => {
      if (!playgroundEnabled(env)) throw new AppError('not_found', 'There is no GraphQL playground here.')
      return page(request)
    }),
  }
}
