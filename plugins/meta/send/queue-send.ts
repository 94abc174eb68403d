import type { CollectionAfterChangeHook } from 'payload'

import { INBOUND_WRITE } from '../context'
import { idOf, idOf as tenantIdOf } from '../ids'
import { touchConversation } from '../inbound/touch-conversation'
import { hostOf } from '../options'

export const SEND_TASK = 'metaSendMessage'

/**
 * After an outbound message is stored: queue its send (send/task.ts) in the same transaction —
 * a write that rolls back sends nothing — move the conversation's last message, and have this
 * process run the job as soon as the write has committed.
 */
export const queueSend: CollectionAfterChangeHook = async ({ doc, operation, req, context }) => {
  if (operation !== 'create' || context?.[INBOUND_WRITE] === true || doc.direction !== 'outbound' || doc.status !== 'pending') return doc
  const tenantId = tenantIdOf(doc.tenant)!
  await req.payload.jobs.queue({ task: SEND_TASK, input: { tenantId, messageId: String(doc.id) }, req })
  const conversationId = String(idOf(doc.conversation))
  await touchConversation(req, conversationId, {
    at: new Date(doc.createdAt),
    preview: doc.type === 'template' ? `[template] ${doc.template?.name ?? ''}` : doc.text,
    inbound: false,
    byStaff: Boolean(doc.sentBy),
  })
  const options = hostOf(req)
  options.jobs.kickJobs(req.payload, options.runJobsAfterMs)
  return doc
}
