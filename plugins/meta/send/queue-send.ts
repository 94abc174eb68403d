import type { CollectionAfterChangeHook } from 'payload'

import { kickJobs } from '../../../src/jobs/kick-jobs'
import { idOf, tenantIdOf } from '../../../src/tenancy/memberships'
import { INBOUND_WRITE } from '../context'
import { touchConversation } from '../inbound/touch-conversation'
import { metaOptions } from '../options'

export const SEND_TASK = 'metaSendMessage'

/**
 * After an outbound message is stored: queue its send (send/task.ts) in the same transaction —
 * a write that rolls back sends nothing — move the conversation's last message, and have this
 * process run the job as soon as the write has committed.
 */
export const queueSend: CollectionAfterChangeHook = async ({ doc, operation, req, context }) => {
  if (operation !== 'create' || context?.[INBOUND_WRITE] === true || doc.direction !== 'outbound' || doc.status !== 'pending') return doc
  const tenantId = tenantIdOf(doc.tenant)!
  await req.payload.jobs.queue({ task: SEND_TASK as never, input: { tenantId, messageId: String(doc.id) } as never, req })
  const conversationId = String(idOf(doc.conversation))
  await touchConversation(req, conversationId, { at: new Date(doc.createdAt), preview: doc.type === 'template' ? `[template] ${doc.template?.name ?? ''}` : doc.text, inbound: false, byStaff: Boolean(doc.sentBy) })
  kickJobs(req.payload, metaOptions(req.payload.config).runJobsAfterMs)
  return doc
}
