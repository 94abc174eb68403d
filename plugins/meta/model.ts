import type { Conversation } from '../../payload-types'

/*
 * The plugin's vocabulary: the values its collections store and the shapes its parts hand to
 * each other. Here, below every folder of the plugin, so that a folder that needs a value
 * (inbound, automations, send, jobs, webhook) does not import the collection that stores it —
 * whose hooks import those folders back.
 */

/** A conversation's channel. */
export const CHANNELS = ['whatsapp', 'messenger'] as const
export type Channel = (typeof CHANNELS)[number]

/** A message's delivery status and its kind (what Meta calls the message `type`). */
export const MESSAGE_STATUSES = ['received', 'pending', 'sent', 'delivered', 'read', 'failed'] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]
export const MESSAGE_TYPES = ['text', 'template', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'reaction', 'postback', 'unsupported'] as const

/** A WhatsApp template's review status (set by Meta) and its category. */
export const TEMPLATE_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'PAUSED', 'DISABLED', 'IN_APPEAL', 'PENDING_DELETION', 'DELETED', 'LIMIT_EXCEEDED'] as const
export const TEMPLATE_CATEGORIES = ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const

/** An automation rule's trigger, its action, and the days of its business hours. */
export const TRIGGERS = ['keyword', 'regex', 'outside-business-hours', 'new-conversation'] as const
export const ACTIONS = ['reply-text', 'reply-template', 'assign-round-robin'] as const
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** What a stored webhook event is about (the handler that works it, jobs/process-events.ts). */
export const EVENT_KINDS = ['wa-message', 'wa-status', 'wa-template-status', 'wa-error', 'fb-message', 'fb-echo', 'fb-postback', 'fb-delivery', 'fb-read', 'leadgen'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/** A stored webhook event as its handler (inbound/) gets it from the processing job. */
export type StoredEvent = { id: string; tenantId: string; kind: EventKind; externalId: string; payload: Record<string, unknown> & { channelId: string }; attempts: number }
/** What handling an event did, kept on the event: nothing to do is `ignored` with the reason. */
export type Outcome = void | { ignored: string }

/** What message handling needs of a conversation. */
export type ConversationRef = Pick<Conversation, 'id' | 'tenant' | 'channel' | 'contactName' | 'assignee'>
