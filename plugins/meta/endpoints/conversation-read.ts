import { sql } from '@payloadcms/db-postgres'
import type { Endpoint } from 'payload'

import type { Conversation } from '../../../payload-types'
import { hostOf } from '../options'
import { runSql } from '../run-sql'
import { authorizeOn } from './authorize'

/**
 * POST /api/conversations/:id/read — the inbox opened the thread: its unread count goes back to
 * 0. The count is the platform's (no API caller may write it); this is the one thing staff may
 * do to it, with the right to update conversations. Answers the conversation as the caller
 * reads it (`?depth=`, default 1).
 */
export const conversationReadEndpoint: Endpoint = {
  path: '/:id/read',
  method: 'post',
  handler: async (req) => {
    const { doc, tenantId } = await authorizeOn<Conversation>(req, 'conversations', req.routeParams?.id, { collection: 'conversations', operation: 'update' })
    const depth = Math.min(Math.max(Number(req.query?.depth ?? 1) || 0, 0), 2)
    return hostOf(req).tenancy.runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, async () => {
      // One statement, like the plugin's other counter writes (touch-conversation.ts): a Local API
      // update would run as the caller, whose role may not change the count.
      if ((doc.unreadCount ?? 0) !== 0) await runSql(req, sql`update conversations set unread_count = 0, updated_at = now() where id = ${doc.id}`)
      const fresh = await req.payload.findByID({ collection: 'conversations', id: doc.id, depth, overrideAccess: false, user: req.user, req })
      return Response.json({ doc: fresh })
    })
  },
}
