import type { PayloadRequest } from 'payload'

import type { Conversation, Message } from '../../../payload-types'
import { loadChannel } from '../channels'
import { INBOUND_WRITE } from '../context'
import { markDisconnected } from '../disconnect'
import { GraphError } from '../graph/graph-error'
import type { MetaHost } from '../host'
import { idOf } from '../ids'
import { metaOptions } from '../options'
import { sendThroughGraph } from './graph-send'
import { SEND_TASK } from './queue-send'

/** Attempts of one send before it is given up as failed (rate limits, Graph unreachable). */
export const SEND_ATTEMPTS = 6

const relationId = (value: unknown) => String(idOf(value))

async function setMessage(req: PayloadRequest, id: string, data: Partial<Message>) {
  await req.payload.update({ collection: 'messages', id, data: data, overrideAccess: true, context: { [INBOUND_WRITE]: true }, req })
}

/**
 * Send one outbound message (queued by queue-send.ts). Success → `sent` with Meta's id. A
 * refused token (190) → the page or number is marked disconnected, its admins are told and the
 * message fails. Rate limits (4, 613, 80007, 130429) and an unreachable Graph → the job throws and
 * Payload retries it with exponential backoff, up to SEND_ATTEMPTS; the last attempt fails the
 * message with the code. Any other Graph error fails it at once with Graph's code and details.
 */
export const sendMessageTask = ({ tenantTask }: MetaHost['jobs']) =>
  tenantTask<{ tenantId: string; messageId: string }, { status: string; code?: number }>({
    slug: SEND_TASK,
    label: 'Send a WhatsApp or Messenger message',
    inputSchema: [{ name: 'messageId', type: 'text', required: true }],
    retries: { attempts: SEND_ATTEMPTS - 1, backoff: { type: 'exponential', delay: 2_000 } },
    handler: async ({ input, req, job }) => {
      const message = await req.payload.findByID({ collection: 'messages', id: input.messageId, depth: 0, overrideAccess: true, req, disableErrors: true })
      if (!message || message.status !== 'pending') return { output: { status: message?.status ?? 'missing' } }
      const conversation: Conversation = await req.payload.findByID({ collection: 'conversations', id: relationId(message.conversation), depth: 0, overrideAccess: true, req })
      const kind = conversation.channel === 'whatsapp' ? 'numbers' : 'pages'
      const channelId = relationId(conversation.channel === 'whatsapp' ? conversation.number : conversation.page)
      const { doc: channel, token } = await loadChannel(req, kind, channelId)
      const externalId = kind === 'numbers' ? (channel as { phoneNumberId: string }).phoneNumberId : (channel as { pageId: string }).pageId
      try {
        const { metaId } = await sendThroughGraph(metaOptions(req.payload.config), conversation, externalId, token, message)
        await setMessage(req, message.id, { status: 'sent', metaId, sentAt: new Date().toISOString() })
        return { output: { status: 'sent' } }
      } catch (error) {
        if (!(error instanceof GraphError)) throw error
        const attempt = (job?.totalTried ?? 0) + 1
        if (error.isTransient && attempt < SEND_ATTEMPTS) {
          req.payload.logger.warn({ code: error.code, message: message.id, attempt }, `send delayed by Graph (${error.code}): ${error.message}; retrying`)
          throw error
        }
        if (error.isTokenError) await markDisconnected(req, kind, channelId, error)
        await setMessage(req, message.id, {
          status: 'failed',
          failedAt: new Date().toISOString(),
          error: { code: error.code, title: error.message.slice(0, 200), details: error.details ?? null },
        })
        return { output: { status: 'failed', code: error.code } }
      }
    },
  })
