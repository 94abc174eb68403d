import type { Channel } from '../model'

const HOUR = 3_600_000
/** WhatsApp and Messenger: free-form messages within 24 hours of the customer's last message. */
export const STANDARD_WINDOW_MS = 24 * HOUR
/** Messenger's HUMAN_AGENT tag: a person may answer for 7 days. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR

export type Outgoing = { type: 'text' | 'template'; tag?: null | string }

/**
 * Why this message may not be sent now, or null when it may. WhatsApp: free-form (text) only in
 * the 24 hours after the customer's last message, templates at any time. Messenger: 24 hours
 * (messaging_type RESPONSE); after that only a person, with the HUMAN_AGENT tag, up to 7 days.
 */
export function windowRefusal(channel: Channel, lastInboundAt: Date | null, message: Outgoing, now = new Date()): null | string {
  const since = lastInboundAt ? now.getTime() - lastInboundAt.getTime() : Infinity
  if (channel === 'whatsapp') {
    if (message.type === 'template' || since <= STANDARD_WINDOW_MS) return null
    return lastInboundAt
      ? 'More than 24 hours have passed since the customer’s last WhatsApp message, so WhatsApp accepts only a template now: send an approved template instead.'
      : 'The customer has not written to this number yet, so WhatsApp accepts only a template: send an approved template instead.'
  }
  if (message.type === 'template') return 'Templates are for WhatsApp; on Messenger send text.'
  if (message.tag === 'HUMAN_AGENT') {
    return since <= HUMAN_AGENT_WINDOW_MS ? null : 'More than 7 days have passed since the customer’s last Messenger message: Messenger allows no further message until they write again.'
  }
  if (since <= STANDARD_WINDOW_MS) return null
  return since <= HUMAN_AGENT_WINDOW_MS
    ? 'More than 24 hours have passed since the customer’s last Messenger message: only a person may answer now, with the HUMAN_AGENT tag (up to 7 days).'
    : 'More than 7 days have passed since the customer’s last Messenger message: Messenger allows no further message until they write again.'
}
