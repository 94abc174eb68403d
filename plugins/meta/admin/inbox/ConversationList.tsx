'use client'

import { Link, useConfig } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'

import type { Conversation } from './api'
import { CHANNEL_LABELS, contactLabel, fullTime, relativeTime, userLabel } from './format'

export type AssigneeFilter = 'all' | 'mine' | 'unassigned'
export type StatusFilter = 'any' | 'closed' | 'open'

const ASSIGNEE_FILTERS: [AssigneeFilter, string][] = [
  ['mine', 'Mine'],
  ['unassigned', 'Unassigned'],
  ['all', 'All'],
]

export function ChannelBadge({ channel }: { channel: Conversation['channel'] }) {
  return <span className={`inbox-badge inbox-badge--${channel}`}>{CHANNEL_LABELS[channel] ?? channel}</span>
}

function EmptyState({ anyAtAll }: { anyAtAll: boolean }) {
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  if (anyAtAll) return <p className="inbox__empty">No conversations match these filters.</p>
  return (
    <p className="inbox__empty" data-testid="inbox-empty">
      No conversations yet: connect a page or number under Channels and messages will appear here.{' '}
      <Link href={formatAdminURL({ adminRoute, path: '/collections/pages' })} prefetch={false}>
        Facebook pages
      </Link>
      {' · '}
      <Link href={formatAdminURL({ adminRoute, path: '/collections/numbers' })} prefetch={false}>
        WhatsApp numbers
      </Link>
    </p>
  )
}

function ConversationItem({ conversation: c, onSelect, selected }: { conversation: Conversation; onSelect: () => void; selected: boolean }) {
  const unread = c.unreadCount ?? 0
  const assignee = userLabel(c.assignee)
  const descId = `inbox-conv-${c.id}-preview`
  return (
    <li>
      <button
        aria-current={selected ? 'true' : undefined}
        aria-describedby={descId}
        aria-label={`${contactLabel(c)}${unread > 0 ? `, ${unread} unread` : ''}`}
        className={['inbox-conv', selected && 'inbox-conv--selected', unread > 0 && 'inbox-conv--unread'].filter(Boolean).join(' ')}
        data-conversation={c.id}
        onClick={onSelect}
        type="button"
      >
        <span className="inbox-conv__top">
          <span className="inbox-conv__name">{contactLabel(c)}</span>
          {c.lastMessageAt && (
            <time className="inbox-conv__time" dateTime={c.lastMessageAt} title={fullTime(c.lastMessageAt)}>
              {relativeTime(c.lastMessageAt)}
            </time>
          )}
        </span>
        <span className="inbox-conv__meta">
          <ChannelBadge channel={c.channel} />
          {c.status === 'closed' && <span className="inbox-badge">closed</span>}
          {assignee && (
            <span className="inbox-conv__assignee" title="Assignee">
              {assignee}
            </span>
          )}
          {unread > 0 && (
            <span aria-hidden="true" className="inbox-conv__unread">
              {unread}
            </span>
          )}
        </span>
        <span className="inbox-conv__preview" id={descId}>
          {c.lastMessagePreview || ' '}
        </span>
      </button>
    </li>
  )
}

/** The left column: the filters and the conversations, newest first. */
export function ConversationList(props: {
  anyAtAll: boolean
  assignee: AssigneeFilter
  conversations: Conversation[] | null
  error: null | string
  onAssigneeChange: (value: AssigneeFilter) => void
  onRefresh: () => void
  onSelect: (conversation: Conversation) => void
  onStatusChange: (value: StatusFilter) => void
  refreshing: boolean
  selectedId: null | string
  status: StatusFilter
}) {
  const { conversations, refreshing } = props
  return (
    <section aria-label="Conversations" className="inbox__list">
      <div className="inbox__filters">
        <div aria-label="Assigned to" className="inbox__segmented" role="group">
          {ASSIGNEE_FILTERS.map(([value, label]) => (
            <button aria-pressed={props.assignee === value} key={value} onClick={() => props.onAssigneeChange(value)} type="button">
              {label}
            </button>
          ))}
        </div>
        <select aria-label="Status" className="inbox__select" onChange={(e) => props.onStatusChange(e.target.value as StatusFilter)} value={props.status}>
          <option value="open">Open</option>
          <option value="closed">Closed</option>
          <option value="any">Open and closed</option>
        </select>
        <button
          aria-busy={refreshing}
          aria-label="Refresh conversations"
          className={`inbox__refresh${refreshing ? ' inbox__refresh--busy' : ''}`}
          onClick={props.onRefresh}
          title="Refreshed every 5 seconds"
          type="button"
        >
          <span aria-hidden="true">↻</span>
        </button>
      </div>
      <div aria-hidden="true" className={`inbox__progress${refreshing ? ' inbox__progress--on' : ''}`} />
      {props.error && (
        <p className="inbox__error" role="alert">
          {props.error}
        </p>
      )}
      {conversations === null && !props.error && <p className="inbox__empty">Loading conversations…</p>}
      {conversations?.length === 0 && <EmptyState anyAtAll={props.anyAtAll} />}
      {conversations && conversations.length > 0 && (
        <ul className="inbox__items">
          {conversations.map((c) => (
            <ConversationItem conversation={c} key={c.id} onSelect={() => props.onSelect(c)} selected={c.id === props.selectedId} />
          ))}
        </ul>
      )}
    </section>
  )
}
