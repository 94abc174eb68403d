'use client'

import { Button, Link, useConfig } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { useId, useState } from 'react'

import type { Conversation, User } from './api'
import { idOf } from './rest'
import { ChannelBadge } from './ConversationList'
import { CreateOrderButton } from './CreateOrderButton'
import { contactLabel, userLabel } from './format'

/** Where the conversation arrives: the WhatsApp number or the Facebook page (when populated). */
function via(c: Conversation): string {
  if (c.channel === 'whatsapp' && c.number && typeof c.number === 'object') return c.number.displayPhoneNumber
  if (c.channel === 'messenger' && c.page && typeof c.page === 'object') return c.page.name
  return ''
}

/** The thread's header: who, where, the assignee, close / reopen, the customer and "Create order". */
export function ThreadHeader({
  conversation: c,
  onConversationChange,
  patch,
  users,
  orderDraft = null,
}: {
  conversation: Conversation
  orderDraft?: Parameters<typeof CreateOrderButton>[0]['draft']
  onConversationChange: (doc: Conversation) => void
  patch: (id: string, data: Record<string, unknown>) => Promise<boolean>
  users: User[]
}) {
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  const selectId = useId()
  const [busy, setBusy] = useState(false)
  const assigneeId = idOf(c.assignee) ?? ''
  const options = users.map((u) => ({ id: String(u.id), label: userLabel(u) }))
  if (assigneeId && !options.some((o) => o.id === assigneeId)) options.push({ id: assigneeId, label: userLabel(c.assignee) || assigneeId })
  const customerId = idOf(c.customer)
  const customerName = c.customer && typeof c.customer === 'object' ? c.customer.name : null
  const where = via(c)

  const change = async (data: Record<string, unknown>) => {
    setBusy(true)
    try {
      await patch(c.id, data)
    } finally {
      setBusy(false)
    }
  }

  return (
    <header className="inbox-head">
      <div className="inbox-head__who">
        <h2 className="inbox-head__name">{contactLabel(c)}</h2>
        <div className="inbox-head__meta">
          <ChannelBadge channel={c.channel} />
          {c.contactName && <span className="inbox-head__id">{c.contactId}</span>}
          {where && <span>via {where}</span>}
          {c.status === 'closed' && <span className="inbox-badge">closed</span>}
        </div>
      </div>
      <div className="inbox-head__actions">
        <div className="inbox-head__assignee">
          <label htmlFor={selectId}>Assignee</label>
          <select className="inbox__select" disabled={busy} id={selectId} onChange={(e) => void change({ assignee: e.target.value || null })} value={assigneeId}>
            <option value="">Unassigned</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <Button buttonStyle="secondary" disabled={busy} margin={false} onClick={() => void change({ status: c.status === 'closed' ? 'open' : 'closed' })} size="small">
          {c.status === 'closed' ? 'Reopen conversation' : 'Close conversation'}
        </Button>
        {customerId && (
          <Link className="inbox-head__customer" href={formatAdminURL({ adminRoute, path: `/collections/customers/${customerId}` })} prefetch={false}>
            {customerName ? `Customer: ${customerName}` : 'Customer'}
          </Link>
        )}
        <CreateOrderButton conversation={c} draft={orderDraft} onConversationChange={onConversationChange} />
      </div>
    </header>
  )
}
