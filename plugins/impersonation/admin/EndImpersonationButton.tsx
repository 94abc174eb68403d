'use client'
import { useState } from 'react'

/** Ends the session (POST /api/impersonation/end) and reloads the admin as the super-admin. */
export function EndImpersonationButton() {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      data-testid="impersonation-end"
      disabled={busy}
      style={{ background: '#fff', color: '#b42318', border: 0, borderRadius: 4, padding: '4px 12px', fontWeight: 600, cursor: 'pointer' }}
      onClick={async () => {
        setBusy(true)
        await fetch('/api/impersonation/end', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
        window.location.assign('/admin')
      }}
    >
      End impersonation
    </button>
  )
}
