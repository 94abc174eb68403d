import { autoReply, AUTO_REPLY_TASK, type AutoReplyOutcome } from '../features/auto-reply'
import type { ResolvedAiOptions } from '../options'

/**
 * `aiAutoReply` (a tenant task): the auto-reply for one stored customer message, in the message's
 * tenant (row-level security). A provider failure fails the job after the client's own retries;
 * the job is not retried (a late answer is worse than a person's), and nothing was sent.
 */
export const autoReplyTask = (options: ResolvedAiOptions) =>
  options.jobs.tenantTask<{ tenantId: string; conversationId: string; messageId: string }, AutoReplyOutcome>({
    slug: AUTO_REPLY_TASK,
    label: 'Auto-reply to a customer message',
    retries: 0,
    inputSchema: [
      { name: 'tenantId', type: 'text', required: true },
      { name: 'conversationId', type: 'text', required: true },
      { name: 'messageId', type: 'text', required: true },
    ],
    handler: async ({ input, req }) => ({ output: await autoReply(req, input) }),
  })
