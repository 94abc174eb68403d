'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

import { useCourierApi } from './api'

type Info = { url: string; secret: string; provider: string; handshake: null | string; instructions: string }

/**
 * On a saved courier account: the webhook URL and secret to paste into the courier's panel
 * (fetched on demand from GET /api/couriers/:id/webhook, tenant-admins only), and "New secret".
 */
export function WebhookSetup() {
  const { id } = useDocumentInfo()
  const api = useCourierApi()
  const [info, setInfo] = useState<Info | null>(null)
  const [error, setError] = useState<null | string>(null)
  if (!id) return <p className="field-description">Save the account to get its webhook address.</p>
  const show = async () => {
    const res = await api<Info>(`/couriers/${id}/webhook`)
    if (res.ok) setInfo(res.data)
    else setError(res.message)
  }
  const rotate = async () => {
    if (!window.confirm('Make a new secret? The courier must be given it: the old one stops working now.')) return
    const res = await api(`/couriers/${id}/webhook/rotate`, { method: 'POST' })
    if (res.ok) await show()
    else setError(res.message)
  }
  return (
    <div className="field-type" style={{ marginBottom: 24 }}>
      <label className="field-label">Tracking webhook</label>
      {info ? (
        <div>
          <p className="field-description">{info.instructions}</p>
          <p>
            URL: <code data-testid="webhook-url">{info.url}</code>
          </p>
          <p>
            Secret: <code data-testid="webhook-secret">{info.secret}</code>
          </p>
          <Button buttonStyle="secondary" size="small" onClick={rotate}>
            New secret
          </Button>
        </div>
      ) : (
        <Button buttonStyle="secondary" size="small" onClick={show}>
          Show webhook address and secret
        </Button>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  )
}
