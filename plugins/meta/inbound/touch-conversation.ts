import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { runSql } from '../run-sql'

/**
 * Move a conversation's last message in one statement (concurrent jobs may write the same
 * conversation): an older message never replaces a newer preview; an inbound one counts as
 * unread and opens the reply window; a reply by staff means somebody has read the thread (an
 * automation's does not).
 */
export async function touchConversation(req: PayloadRequest, id: string, m: { at: Date; preview: null | string | undefined; inbound: boolean; byStaff?: boolean }): Promise<void> {
  const preview = (m.preview ?? '').replace(/\s+/g, ' ').trim().slice(0, 200)
  const at = m.at.toISOString()
  await runSql(
    req,
    sql`update conversations set
          last_message_preview = case when last_message_at is null or last_message_at <= ${at}::timestamptz then ${preview} else last_message_preview end,
          last_message_at = greatest(coalesce(last_message_at, ${at}::timestamptz), ${at}::timestamptz),
          last_inbound_at = case when ${m.inbound} then greatest(coalesce(last_inbound_at, ${at}::timestamptz), ${at}::timestamptz) else last_inbound_at end,
          unread_count = case when ${m.inbound} then unread_count + 1 when ${m.byStaff ?? false} then 0 else unread_count end,
          status = case when ${m.inbound} then 'open'::enum_conversations_status else status end,
          updated_at = now()
        where id = ${id}`,
  )
}
