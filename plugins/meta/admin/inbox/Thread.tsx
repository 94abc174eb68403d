'use client'

import { useCallback, useState } from 'react'

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
}) {
  const { conversation, onListChange } = props
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
      <ThreadHeader {...props} />
      <MessageList error={error} messages={messages} />
      <ReplyBox conversation={conversation} onSent={onSent} />
    </section>
  )
}
