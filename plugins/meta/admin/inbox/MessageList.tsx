'use client'

import { useEffect, useLayoutEffect, useRef } from 'react'

import type { Message } from './api'
import { attachmentURL, fullTime, messageText, messageTime } from './format'

const STATUS_LABELS: Record<string, string> = {
  pending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
}

function FailedReason({ error }: { error: Message['error'] }) {
  if (!error) return null
  const words = [error.title, error.details].filter(Boolean).join(': ')
  return (
    <span className="inbox-msg__failure" role="note">
      {error.code != null ? `Error ${error.code}` : 'Error'}
      {words ? ` — ${words}` : ''}
    </span>
  )
}

function Bubble({ message: m }: { message: Message }) {
  const inbound = m.direction === 'inbound'
  const url = attachmentURL(m.attachment)
  const when = m.createdAt
  return (
    <li className={`inbox-msg inbox-msg--${m.direction}${m.status === 'failed' ? ' inbox-msg--failed' : ''}`} data-message={m.id} data-status={m.status ?? undefined}>
      <div className="inbox-msg__bubble">
        {m.type !== 'text' && m.type !== 'template' && <span className="inbox-msg__type">{m.type}</span>}
        <p className="inbox-msg__text">{messageText(m)}</p>
        {url && (
          <a href={url} rel="noreferrer noopener" target="_blank">
            Open attachment
          </a>
        )}
        <div className="inbox-msg__footer">
          <time dateTime={when} title={fullTime(when)}>
            {messageTime(when)}
          </time>
          {m.tag === 'HUMAN_AGENT' && <span title="Sent with Messenger's HUMAN_AGENT tag">human agent</span>}
          {!inbound && m.status && (
            <span className={`inbox-msg__status inbox-msg__status--${m.status}`} title={fullTime(m.failedAt ?? m.readAt ?? m.deliveredAt ?? m.sentAt)}>
              {STATUS_LABELS[m.status] ?? m.status}
            </span>
          )}
        </div>
        {m.status === 'failed' && <FailedReason error={m.error} />}
      </div>
    </li>
  )
}

/** The thread's messages, oldest first: inbound on the left, outbound on the right with their delivery status. */
export function MessageList({ error, messages }: { error: null | string; messages: Message[] | null }) {
  const scroller = useRef<HTMLDivElement>(null)
  const nearBottom = useRef(true)
  const count = messages?.length ?? 0
  const lastId = messages?.[count - 1]?.id

  // Follow new messages, unless the user has scrolled up to read older ones.
  useLayoutEffect(() => {
    const el = scroller.current
    if (el && nearBottom.current) el.scrollTop = el.scrollHeight
  }, [count, lastId])

  useEffect(() => {
    const el = scroller.current
    if (!el) return
    const onScroll = () => {
      nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80
    }
    el.addEventListener('scroll', onScroll, { passive: true })
    return () => el.removeEventListener('scroll', onScroll)
  }, [])

  return (
    <div className="inbox__messages" ref={scroller}>
      {error && (
        <p className="inbox__error" role="alert">
          {error}
        </p>
      )}
      {messages === null && !error && <p className="inbox__empty">Loading messages…</p>}
      {messages?.length === 0 && <p className="inbox__empty">No messages in this conversation yet.</p>}
      {messages && messages.length > 0 && (
        <ol aria-label="Messages" className="inbox-msgs">
          {messages.map((m) => (
            <Bubble key={m.id} message={m} />
          ))}
        </ol>
      )}
    </div>
  )
}
