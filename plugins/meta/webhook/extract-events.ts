import { createHash } from 'node:crypto'

import type { EventKind } from '../model'

/** What an event is addressed to: a page id, a phone number id, or (templates) a WABA id. */
export type Target = 'page' | 'number' | 'waba'

/** One event of a delivery, before it is routed to a tenant. */
export type RawEvent = { kind: EventKind; target: Target; externalId: string; eventKey: string; payload: Record<string, unknown> }

type Obj = Record<string, unknown>
const list = (value: unknown): Obj[] => (Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Obj[]) : [])
const obj = (value: unknown): Obj => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {})
const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '')
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24)

function whatsappEvents(entry: Obj): RawEvent[] {
  const events: RawEvent[] = []
  for (const change of list(entry.changes)) {
    const value = obj(change.value)
    if (change.field === 'message_template_status_update') {
      const templateId = str(value.message_template_id)
      if (!templateId) continue
      events.push({
        kind: 'wa-template-status',
        target: 'waba',
        externalId: str(entry.id),
        eventKey: `wa:tpl:${templateId}:${str(value.event)}:${str(entry.time) || digest(value)}`,
        payload: { ...value, time: entry.time },
      })
      continue
    }
    if (change.field !== 'messages') continue
    const metadata = obj(value.metadata)
    const phoneNumberId = str(metadata.phone_number_id)
    if (!phoneNumberId) continue
    const contacts = list(value.contacts)
    for (const message of list(value.messages)) {
      if (!str(message.id) || !str(message.from)) continue
      const contact = contacts.find((c) => str(c.wa_id) === str(message.from)) ?? contacts[0] ?? null
      events.push({ kind: 'wa-message', target: 'number', externalId: phoneNumberId, eventKey: `wa:msg:${str(message.id)}`, payload: { message, contact, metadata } })
    }
    for (const status of list(value.statuses)) {
      if (!str(status.id) || !str(status.status)) continue
      events.push({ kind: 'wa-status', target: 'number', externalId: phoneNumberId, eventKey: `wa:status:${str(status.id)}:${str(status.status)}`, payload: { status } })
    }
    for (const error of list(value.errors)) {
      events.push({ kind: 'wa-error', target: 'number', externalId: phoneNumberId, eventKey: `wa:error:${digest(error)}:${str(entry.time)}`, payload: { error } })
    }
  }
  return events
}

function messengerEvents(entry: Obj): RawEvent[] {
  const pageId = str(entry.id)
  const events: RawEvent[] = []
  for (const item of list(entry.messaging)) {
    const sender = str(obj(item.sender).id)
    const message = obj(item.message)
    if (!sender) continue
    if (item.message) {
      if (!str(message.mid)) continue
      const echo = message.is_echo === true
      events.push({ kind: echo ? 'fb-echo' : 'fb-message', target: 'page', externalId: pageId, eventKey: `fb:${echo ? 'echo' : 'msg'}:${str(message.mid)}`, payload: item })
    } else if (item.postback) {
      const mid = str(obj(item.postback).mid) || `${sender}:${str(item.timestamp)}`
      events.push({ kind: 'fb-postback', target: 'page', externalId: pageId, eventKey: `fb:postback:${mid}`, payload: item })
    } else if (item.delivery) {
      events.push({ kind: 'fb-delivery', target: 'page', externalId: pageId, eventKey: `fb:delivery:${sender}:${str(obj(item.delivery).watermark)}`, payload: item })
    } else if (item.read) {
      events.push({ kind: 'fb-read', target: 'page', externalId: pageId, eventKey: `fb:read:${sender}:${str(obj(item.read).watermark)}`, payload: item })
    }
  }
  for (const change of list(entry.changes)) {
    if (change.field !== 'leadgen') continue
    const value = obj(change.value)
    if (!str(value.leadgen_id)) continue
    events.push({ kind: 'leadgen', target: 'page', externalId: str(value.page_id) || pageId, eventKey: `leadgen:${str(value.leadgen_id)}`, payload: value })
  }
  return events
}

/**
 * The events of one webhook delivery (reference §1.4, §1.6, §2.1, §2.3), each with the id it is
 * addressed to and a key that is the same on every redelivery of the same event (message ids,
 * status + id, leadgen id…). Objects and fields the plugin does not handle give no events, nor
 * does an item without the id its key is made of (it could not be told apart from the next one).
 */
export function extractEvents(body: unknown): RawEvent[] {
  const root = obj(body)
  const entries = list(root.entry)
  if (root.object === 'whatsapp_business_account') return entries.flatMap(whatsappEvents)
  if (root.object === 'page') return entries.flatMap(messengerEvents)
  return []
}
