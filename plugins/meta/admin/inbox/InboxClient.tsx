'use client'

import { toast, useAuth } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'

import { useApi, type Conversation, type User } from './api'
import { idOf, query } from './rest'
import { ConversationList, type AssigneeFilter, type StatusFilter } from './ConversationList'
import { Thread } from './Thread'
import { usePolling } from './usePolling'

type List = { docs: Conversation[]; totalDocs: number }

/**
 * The admin inbox (`/admin/inbox`): the conversations of the shop selected in the admin (the
 * multi-tenant plugin scopes the REST lists by its cookie) on the left, polled every 5 s; the
 * chosen one's thread, reply box and actions on the right. Everything over the REST API with
 * the admin's cookie, so the collections' access rules and hooks apply as everywhere else.
 * `threadTools`: the host's thread tools (admin.threadTools), drawn in every thread.
 */
export function InboxClient({ threadTools = null }: { threadTools?: ReactNode }) {
  const api = useApi()
  const { user } = useAuth<User>()
  const userId = user?.id ? String(user.id) : null
  const [assignee, setAssignee] = useState<AssigneeFilter>('all')
  const [status, setStatus] = useState<StatusFilter>('open')
  const [conversations, setConversations] = useState<Conversation[] | null>(null)
  const [anyAtAll, setAnyAtAll] = useState(true)
  const [listError, setListError] = useState<null | string>(null)
  const [selected, setSelected] = useState<Conversation | null>(null)
  const [users, setUsers] = useState<User[]>([])
  const marking = useRef(new Set<string>())

  const loadList = async (signal: AbortSignal) => {
    const where: Record<string, string | undefined> = {}
    if (assignee === 'mine' && !userId) return setConversations([])
    if (assignee === 'mine') where['where[assignee][equals]'] = userId!
    if (assignee === 'unassigned') where['where[assignee][exists]'] = 'false'
    if (status !== 'any') where['where[status][equals]'] = status
    const res = await api<List>(`/conversations${query({ sort: '-lastMessageAt', limit: 50, depth: 1, ...where })}`, { signal })
    if (signal.aborted) return
    if (!res.ok) return setListError(res.message)
    setListError(null)
    setConversations(res.data.docs)
    setSelected((current) => (current ? (res.data.docs.find((c) => c.id === current.id) ?? current) : current))
    if (res.data.docs.length > 0 || Object.keys(where).length === 0) return setAnyAtAll(res.data.docs.length > 0)
    // Nothing matches the filters: is there anything at all (which empty state to show)?
    const all = await api<List>(`/conversations${query({ limit: 1, depth: 0 })}`, { signal })
    if (!signal.aborted && all.ok) setAnyAtAll(all.data.totalDocs > 0)
  }
  const { refreshing, refresh } = usePolling(loadList, `${assignee}|${status}|${userId}`)

  useEffect(() => {
    const controller = new AbortController()
    void api<{ docs: User[] }>(`/users${query({ limit: 100, depth: 0, sort: 'email' })}`, { signal: controller.signal }).then((res) => {
      if (res.ok) setUsers(res.data.docs)
    })
    return () => controller.abort()
  }, [api])

  /** A conversation as the server now has it (after a PATCH): in the list and, if open, the thread. */
  const replace = useCallback((doc: Conversation) => {
    setConversations((list) => list?.map((c) => (c.id === doc.id ? doc : c)) ?? list)
    setSelected((current) => (current?.id === doc.id ? doc : current))
  }, [])

  const patch = useCallback(
    async (id: string, data: Record<string, unknown>): Promise<boolean> => {
      const res = await api<{ doc: Conversation }>(`/conversations/${id}?depth=1`, { method: 'PATCH', body: data })
      if (res.ok) replace(res.data.doc)
      else toast.error(res.message)
      return res.ok
    },
    [api, replace],
  )

  // Opening a conversation (and new messages arriving while it is open) marks it read.
  const unread = selected?.unreadCount ?? 0
  const selectedId = selected?.id
  useEffect(() => {
    if (!selectedId || unread <= 0 || marking.current.has(selectedId)) return
    marking.current.add(selectedId)
    void api<{ doc: Conversation }>(`/conversations/${selectedId}/read?depth=1`, { method: 'POST' })
      .then((res) => {
        if (res.ok) replace(res.data.doc)
      })
      .finally(() => marking.current.delete(selectedId))
  }, [api, replace, selectedId, unread])

  return (
    <div className="inbox">
      <ConversationList
        anyAtAll={anyAtAll}
        assignee={assignee}
        conversations={conversations}
        error={listError}
        onAssigneeChange={setAssignee}
        onRefresh={refresh}
        onSelect={setSelected}
        onStatusChange={setStatus}
        refreshing={refreshing}
        selectedId={selectedId ?? null}
        status={status}
      />
      {selected ? (
        <Thread
          conversation={selected}
          key={selected.id}
          onConversationChange={replace}
          onListChange={refresh}
          patch={patch}
          threadTools={threadTools}
          users={users.filter((u) => u.tenants?.some((t) => idOf(t.tenant) === idOf(selected.tenant)) || u.id === idOf(selected.assignee))}
        />
      ) : (
        <section aria-label="Conversation" className="inbox__thread inbox__thread--empty">
          <p>{conversations && conversations.length > 0 ? 'Choose a conversation to read and answer it.' : ' '}</p>
        </section>
      )}
    </div>
  )
}
