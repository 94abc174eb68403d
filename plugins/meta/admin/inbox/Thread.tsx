'use client'

import { cloneElement, isValidElement, useCallback, useState, type ReactElement, type ReactNode } from 'react'

import type { ThreadToolProps } from '../../host-admin'

import { useApi, type Conversation, type Message, type User } from './api'
import { query } from './rest'
import { MessageList } from './MessageList'
import { ReplyBox } from './ReplyBox'
import { ThreadHeader } from './ThreadHeader'
import { usePolling } from './usePolling'

/**
 * One conversation: its header (assignee, close, customer, "Create order"), its messages
 * (polled every 5 s; the newest 200) and the reply box.
 */
export function Thread(props: {
  conversation: Conversation
  onConversationChange: (doc: Conversation) => void
  onListChange: () => void
  patch: (id: string, data: Record<string, unknown>) => Promise<boolean>
  users: User[]
  threadTools?: ReactNode
}) {
  const { conversation, onListChange, threadTools, ...headerProps } = props
  // What the thread tools hand back: a reply draft for the box, items for the Create order drawer (n: each one new).
  const [draft, setDraft] = useState<null | { text: string; n: number }>(null)
  const [orderDraft, setOrderDraft] = useState<null | { items: Parameters<ThreadToolProps['openOrder']>[0]; n: number }>(null)
  const toolProps: ThreadToolProps = {
    conversation: { id: conversation.id, tenant: conversation.tenant, channel: conversation.channel },
    setReply: (text) => setDraft((d) => ({ text, n: (d?.n ?? 0) + 1 })),
    openOrder: (items) => setOrderDraft((d) => ({ items, n: (d?.n ?? 0) + 1 })),
  }
  const api = useApi()
  const [messages, setMessages] = useState<Message[] | null>(null)
  const [error, setError] = useState<null | string>(null)

  const load = async (signal: AbortSignal) => {
    // Newest first, so a long thread shows its latest 200 messages; shown oldest first.
    const where = { 'where[conversation][equals]': conversation.id, sort: '-createdAt', limit: 200, depth: 0 }
    const res = await api<{ docs: Message[] }>(`/messages${query(where)}`, { signal })
    if (signal.aborted) return
    if (!res.ok) return setError(res.message)
    setError(null)
    setMessages(res.data.docs.slice().reverse())
  }
  const { refreshing, refresh } = usePolling(load, conversation.id)

  const onSent = useCallback(
    (doc: Message) => {
      setMessages((list) => (list && !list.some((m) => m.id === doc.id) ? [...list, doc] : list))
      refresh()
      onListChange()
    },
    [onListChange, refresh],
  )

  return (
    <section aria-label="Conversation" className={`inbox__thread${refreshing ? ' inbox__thread--refreshing' : ''}`}>
      <ThreadHeader {...headerProps} conversation={conversation} orderDraft={orderDraft} />
      <MessageList error={error} messages={messages} />
      {isValidElement(threadTools) ? cloneElement(threadTools as ReactElement<ThreadToolProps>, toolProps) : null}
      <ReplyBox conversation={conversation} draft={draft} onSent={onSent} />
    </section>
  )
}
