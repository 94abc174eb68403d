'use client'

import { Button, toast, useConfig } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

/** An item of a drafted order, as the inbox's Create order drawer takes it. */
export type OrderDraftItem = { product: string; quantity: number; unitPrice?: number }

/**
 * The props the inbox gives the thread tools it hosts (the meta plugin's `admin.threadTools`
 * slot, filled by the host): the open conversation, and two ways back into the thread — fill
 * the reply box, open the Create order drawer prefilled.
 */
export type InboxAssistantProps = {
  conversation?: { id: string; tenant?: unknown }
  setReply?: (text: string) => void
  openOrder?: (items: OrderDraftItem[]) => void
}

type Status = { available: boolean; reason: null | string; features: Record<string, boolean> }
type Busy = null | 'suggest-reply' | 'summarise' | 'draft-order'

const idOf = (value: unknown): null | string => (value && typeof value === 'object' ? idOf((value as { id: unknown }).id) : typeof value === 'string' && value ? value : null)

/**
 * The assistant in an inbox thread: "Suggest a reply" (fills the reply box, staff edit and send),
 * "Summarise" (shown above the thread) and "Draft an order" (opens the Create order drawer with
 * the products and quantities found). Hidden, with a line that says why, when the server has no
 * provider, the plan no AI, or the shop switched a feature off. Refusals (the month's AI requests
 * used up, the provider failing) are shown here and in a toast; nothing is ever sent from here.
 */
export function InboxAssistant({ conversation, setReply, openOrder }: InboxAssistantProps) {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  const [status, setStatus] = useState<null | Status>(null)
  const [busy, setBusy] = useState<Busy>(null)
  const [error, setError] = useState<null | string>(null)
  const [summary, setSummary] = useState<null | string>(null)
  const tenant = idOf(conversation?.tenant)
  const url = useCallback((path: string) => `${serverURL}${api}${path}${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`, [serverURL, api, tenant])

  useEffect(() => {
    const controller = new AbortController()
    setSummary(null)
    setError(null)
    void fetch(url('/ai/status'), { credentials: 'include', signal: controller.signal })
      .then(async (res) => {
        const body = (await res.json().catch(() => null)) as null | (Status & { message?: string })
        if (controller.signal.aborted) return
        setStatus(res.ok && body ? body : { available: false, reason: body?.message ?? `The assistant answered ${res.status}.`, features: {} })
      })
      .catch(() => undefined)
    return () => controller.abort()
  }, [url, conversation?.id])

  if (!conversation || !status) return null
  if (!status.available) {
    return (
      <p className="inbox-ai inbox-ai--off inbox__muted" role="note" style={{ margin: 0, padding: '0.5rem 1rem' }}>
        Assistant unavailable: {status.reason}
      </p>
    )
  }

  const ask = async (feature: NonNullable<Busy>) => {
    if (busy) return
    setBusy(feature)
    setError(null)
    try {
      const res = await fetch(url(`/ai/${feature}`), { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ conversation: conversation.id }) })
      const body = (await res.json().catch(() => null)) as null | Record<string, unknown>
      if (!res.ok) {
        const message = typeof body?.message === 'string' && body.message ? body.message : `The assistant answered ${res.status}.`
        setError(message)
        toast.error(message)
        return
      }
      if (feature === 'suggest-reply') {
        setReply?.(typeof body?.text === 'string' ? body.text : '')
        toast.success('Draft in the reply box: check it, then send.')
      } else if (feature === 'summarise') {
        setSummary(typeof body?.summary === 'string' ? body.summary : '')
      } else {
        const items = (body?.items as OrderDraftItem[] | undefined) ?? []
        if (items.length === 0) toast.info('No product of this shop was found in the conversation.')
        else openOrder?.(items)
      }
    } catch {
      const message = 'The server could not be reached: check the connection and try again.'
      setError(message)
      toast.error(message)
    } finally {
      setBusy(null)
    }
  }

  const buttons: { feature: NonNullable<Busy>; label: string; on: boolean }[] = [
    { feature: 'suggest-reply', label: 'Suggest a reply', on: status.features['suggest-reply'] !== false && Boolean(setReply) },
    { feature: 'summarise', label: 'Summarise', on: status.features.summarise !== false },
    { feature: 'draft-order', label: 'Draft an order', on: status.features['draft-order'] !== false && Boolean(openOrder) },
  ]
  return (
    <div aria-label="Assistant" className="inbox-ai" role="group" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center', padding: '0.5rem 1rem' }}>
      {buttons
        .filter((b) => b.on)
        .map((b) => (
          <Button buttonStyle="secondary" disabled={busy !== null} key={b.feature} margin={false} onClick={() => void ask(b.feature)} size="small">
            {busy === b.feature ? 'Thinking…' : b.label}
          </Button>
        ))}
      {error && (
        <p className="inbox__error" role="alert" style={{ flexBasis: '100%', margin: 0 }}>
          {error}
        </p>
      )}
      {summary !== null && (
        <div aria-label="Summary" className="inbox-ai__summary" role="region" style={{ flexBasis: '100%' }}>
          <p style={{ margin: 0 }}>{summary}</p>
          <button className="inbox__link-button" onClick={() => setSummary(null)} type="button">
            Hide summary
          </button>
        </div>
      )}
    </div>
  )
}
