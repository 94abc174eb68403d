import { GraphQLJSON } from '@payloadcms/graphql/types'
import type { GraphQLExtension, PayloadRequest } from 'payload'

import { requireSuperAdmin } from './endpoints'
import { platformHealth } from './status'

/** `query { PlatformHealth }` — the same JSON as GET /api/platform-health, super-admin only (401/403 coded errors otherwise). */
export const platformHealthQueries: GraphQLExtension = () => ({
  PlatformHealth: {
    type: GraphQLJSON,
    description: 'The platform health page: database backstop, isolation canary, queues, webhook lag, rate-limit refusals, last self-check. Super-admin only.',
    resolve: async (_source: unknown, _args: unknown, context: { req: PayloadRequest }) => {
      requireSuperAdmin(context.req)
      return platformHealth(context.req.payload)
    },
  },
})
