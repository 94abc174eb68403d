'use client'

import { Button, toast, useDocumentDrawer } from '@payloadcms/ui'
import { useEffect, useId, useRef, useState } from 'react'

import { useApi, type Conversation } from './api'
import { idOf } from './rest'

type CustomerAnswer = { customer: string; created: boolean }

/**
 * "Create order": POST /api/conversations/:id/customer finds, links or creates the contact's
 * customer (a Messenger contact has no phone: the server answers 400 and a small form asks for
 * name and phone), then Payload's document drawer opens a new order with that customer and the
 * channel as source prefilled (`initialData`), without leaving the inbox.
 */
export function CreateOrderButton({
  conversation: c,
  draft = null,
  onConversationChange,
}: {
  conversation: Conversation
  /** Items from the thread's tools (the assistant's "Draft an order"): the drawer opens with them; n is new each time. */
  draft?: null | { items: { product: string; quantity: number; unitPrice?: number }[]; n: number }
  onConversationChange: (doc: Conversation) => void
}) {
  const api = useApi()
  const formId = useId()
  const [OrderDrawer, , { openDrawer }] = useDocumentDrawer({ collectionSlug: 'orders' })
  const [customerId, setCustomerId] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  const [askDetails, setAskDetails] = useState<null | string>(null)
  const [name, setName] = useState(c.contactName ?? '')
  const [phone, setPhone] = useState('')
  const [formError, setFormError] = useState<null | string>(null)
  const [items, setItems] = useState<null | { product: string; quantity: number }[]>(null)
  const handled = useRef(0)

  const start = async (details?: { name: string; phone: string }) => {
    setBusy(true)
    setFormError(null)
    try {
      const res = await api<CustomerAnswer>(`/conversations/${c.id}/customer`, { method: 'POST', body: details ?? {} })
      if (!res.ok) {
        if (!details && res.status === 400 && c.channel === 'messenger') return setAskDetails(res.message)
        if (details) setFormError(res.message)
        toast.error(res.message)
        return
      }
      setAskDetails(null)
      setCustomerId(res.data.customer)
      if (res.data.created) toast.success('Customer created and linked to this conversation.')
      openDrawer()
      if (idOf(c.customer) !== res.data.customer) {
        const fresh = await api<Conversation>(`/conversations/${c.id}?depth=1`)
        if (fresh.ok) onConversationChange(fresh.data)
      }
    } finally {
      setBusy(false)
    }
  }

  // A drafted order: the same path as the button (customer first), then the drawer with its items.
  useEffect(() => {
    if (!draft || draft.n === handled.current) return
    handled.current = draft.n
    setItems(draft.items.map((i) => ({ product: i.product, quantity: i.quantity })))
    void start()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft])

  return (
    <div className="inbox-order">
      <Button
        aria-label="Create order"
        buttonStyle="primary"
        disabled={busy}
        margin={false}
        onClick={() => {
          setItems(null)
          void start()
        }}
        size="small"
      >
        Create order
      </Button>
      {askDetails !== null && (
        <form
          aria-label="Customer for the order"
          className="inbox-order__form"
          onSubmit={(event) => {
            event.preventDefault()
            void start({ name: name.trim(), phone: phone.trim() })
          }}
        >
          <p className="inbox-order__hint">{askDetails}</p>
          <label htmlFor={`${formId}-name`}>Customer name</label>
          <input className="inbox__input" id={`${formId}-name`} maxLength={120} onChange={(e) => setName(e.target.value)} value={name} />
          <label htmlFor={`${formId}-phone`}>Phone</label>
          <input autoComplete="tel" className="inbox__input" id={`${formId}-phone`} onChange={(e) => setPhone(e.target.value)} placeholder="+8801712345678" required type="tel" value={phone} />
          {formError && (
            <p className="inbox__error" role="alert">
              {formError}
            </p>
          )}
          <div className="inbox-order__buttons">
            <Button buttonStyle="secondary" margin={false} onClick={() => setAskDetails(null)} size="small">
              Cancel
            </Button>
            <Button buttonStyle="primary" disabled={busy || !phone.trim()} margin={false} size="small" type="submit">
              Continue
            </Button>
          </div>
        </form>
      )}
      {customerId && (
        <OrderDrawer
          initialData={{ customer: customerId, source: c.channel === 'whatsapp' ? 'whatsapp' : 'facebook', ...(items && items.length > 0 ? { items } : {}) }}
          key={items ? `draft-${handled.current}` : 'new'}
          onSave={({ doc, operation }) => {
            if (operation === 'create') toast.success(`Order ${(doc as { number?: null | string }).number ?? ''} created`.replace('  ', ' '))
          }}
          redirectAfterCreate={false}
        />
      )}
    </div>
  )
}
