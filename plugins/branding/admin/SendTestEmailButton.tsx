'use client'

import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

type Outcome = { ok: boolean; text: string }

/**
 * "Send test email" in the mail settings' edit view (`beforeDocumentControls`): POST
 * /api/tenant/mail/test sends a test email through the saved settings to the signed-in user, then
 * shows where it went or the SMTP server's refusal in its own words. Saved settings only: unsaved
 * edits are not what the server tests.
 */
export function SendTestEmailButton() {
  const { id, data } = useDocumentInfo()
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<null | Outcome>(null)
  if (!id) return null
  const tenant = data?.tenant && typeof data.tenant === 'object' ? (data.tenant as { id: string }).id : (data?.tenant as string | undefined)
  const send = async () => {
    setBusy(true)
    setOutcome(null)
    try {
      const res = await fetch(`${serverURL}${api}/tenant/mail/test${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`, { method: 'POST', credentials: 'include' })
      const body = (await res.json().catch(() => ({}))) as { to?: string; message?: string }
      setOutcome(res.ok ? { ok: true, text: `Sent to ${body.to}. Your emails now go out through this server.` } : { ok: false, text: body.message ?? `The server answered ${res.status}.` })
      router.refresh()
    } catch {
      setOutcome({ ok: false, text: 'The request failed; check your connection.' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <div style={{ alignItems: 'center', display: 'flex', gap: 12 }}>
      <Button buttonStyle="secondary" disabled={busy} extraButtonProps={{ 'data-testid': 'mail-send-test' }} margin={false} onClick={() => void send()} size="medium">
        {busy ? 'Sending…' : 'Send test email'}
      </Button>
      {outcome ? (
        <span data-testid="mail-test-result" role="status" style={{ color: outcome.ok ? 'var(--theme-success-500)' : 'var(--theme-error-500)', maxWidth: 420 }}>
          {outcome.text}
        </span>
      ) : null}
    </div>
  )
}
