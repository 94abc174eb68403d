'use client'

import { Button, useAuth, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

type Action = 'approve' | 'deny' | 'start'

/** What the signed-in person may do with the grant in its status (the endpoints check it again). */
function actionsFor(status: unknown, superAdmin: boolean): Action[] {
  if (superAdmin) return status === 'approved' ? ['start'] : []
  if (status === 'requested') return ['approve', 'deny']
  return status === 'approved' || status === 'active' ? ['deny'] : []
}

const LABELS: Record<Action, string> = { approve: 'Approve', deny: 'Deny / withdraw consent', start: 'Start impersonation' }

/**
 * The grant's edit view (`beforeDocumentControls`): a shop's tenant-admin approves, denies or
 * withdraws consent; the super-admin who asked starts an approved grant and lands in the admin as
 * the target user. Refusals are shown in the server's own words.
 */
export function GrantActions() {
  const { id, data } = useDocumentInfo()
  const { user } = useAuth<{ roles?: string[] }>()
  const {
    config: {
      serverURL,
      routes: { api, admin },
    },
  } = useConfig()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<null | string>(null)
  const actions = id ? actionsFor(data?.status, Boolean(user?.roles?.includes('super-admin'))) : []
  if (actions.length === 0) return null
  const run = async (action: Action) => {
    setBusy(true)
    setMessage(null)
    try {
      const res = await fetch(`${serverURL}${api}/impersonation/${String(id)}/${action}`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      const body = (await res.json().catch(() => ({}))) as { message?: string }
      if (!res.ok) return setMessage(body.message ?? `The server answered ${res.status}.`)
      window.location.assign(action === 'start' ? admin : window.location.href)
    } catch {
      setMessage('The request failed; check your connection.')
    } finally {
      setBusy(false)
    }
  }
  return (
    <div style={{ alignItems: 'center', display: 'flex', gap: 12 }}>
      {actions.map((action) => (
        <Button
          key={action}
          buttonStyle={action === 'approve' || action === 'start' ? 'primary' : 'secondary'}
          disabled={busy}
          extraButtonProps={{ 'data-testid': `grant-${action}` }}
          margin={false}
          onClick={() => void run(action)}
          size="medium"
        >
          {LABELS[action]}
        </Button>
      ))}
      {message ? (
        <span role="status" style={{ color: 'var(--theme-error-500)', maxWidth: 420 }}>
          {message}
        </span>
      ) : null}
    </div>
  )
}
