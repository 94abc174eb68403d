'use client'

import { Button, Spinner, toast } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useId, useState } from 'react'

import type { Number as WaNumber } from '../../../payload-types'
import { useApi } from './inbox/api'
import { query } from './inbox/rest'

type SyncAnswer = { ok: boolean; created: number; updated: number; deleted: number; total: number }

/**
 * "Sync templates from Meta" above the message-templates list (`beforeListTable`): choose one
 * of the user's WhatsApp numbers, POST /api/message-templates/sync, toast the counts and
 * refresh the list.
 */
export function SyncTemplatesButton() {
  const api = useApi()
  const router = useRouter()
  const id = useId()
  const [numbers, setNumbers] = useState<WaNumber[] | null>(null)
  const [number, setNumber] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const controller = new AbortController()
    void api<{ docs: WaNumber[] }>(`/numbers${query({ limit: 100, depth: 0, sort: 'displayPhoneNumber' })}`, { signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return
      const docs = res.ok ? res.data.docs : []
      setNumbers(docs)
      if (docs.length > 0) setNumber((current) => current || docs[0].id)
    })
    return () => controller.abort()
  }, [api])

  const sync = async () => {
    if (!number) return
    setBusy(true)
    try {
      const res = await api<SyncAnswer>('/message-templates/sync', { method: 'POST', body: { number } })
      if (!res.ok) {
        toast.error(res.message)
        return
      }
      toast.success(`Synced: ${res.data.created} new, ${res.data.updated} updated, ${res.data.deleted} deleted`)
      router.refresh()
    } finally {
      setBusy(false)
    }
  }

  if (numbers === null) return null
  const box = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 'calc(var(--base) / 2)', marginBottom: 'var(--base)' } as const
  if (numbers.length === 0) {
    return <p style={{ ...box, color: 'var(--theme-elevation-500)' }}>Add a WhatsApp number under Channels to sync its templates from Meta.</p>
  }
  return (
    <div style={box}>
      <label htmlFor={`${id}-number`}>WhatsApp number</label>
      <select
        disabled={busy}
        id={`${id}-number`}
        onChange={(e) => setNumber(e.target.value)}
        style={{
          background: 'var(--theme-input-bg, var(--theme-elevation-0))',
          color: 'var(--theme-text)',
          border: '1px solid var(--theme-elevation-200)',
          borderRadius: 'var(--style-radius-s)',
          padding: '4px 8px',
        }}
        value={number}
      >
        {numbers.map((n) => (
          <option key={n.id} value={n.id}>
            {n.displayPhoneNumber}
          </option>
        ))}
      </select>
      <Button aria-label="Sync templates from Meta" buttonStyle="secondary" disabled={busy || !number} margin={false} onClick={() => void sync()} size="small">
        Sync templates from Meta
      </Button>
      {busy && <Spinner loadingText="Syncing…" size="sm" />}
    </div>
  )
}
