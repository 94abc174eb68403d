import type { TypedUser } from 'payload'

import { impersonationOf } from '../session'
import { EndImpersonationButton } from './EndImpersonationButton'

/**
 * Above every admin page while the super-admin sees the shop as someone else: whom, in which
 * mode, until when, and the way back. Nothing for a person's own session.
 */
export function ImpersonationBanner({ user }: { user?: null | TypedUser }) {
  const session = impersonationOf(user)
  if (!session) return null
  const until = new Date(session.expiresAt).toISOString().slice(11, 16)
  return (
    <div
      role="alert"
      data-testid="impersonation-banner"
      style={{ background: '#b42318', color: '#fff', padding: '8px 16px', display: 'flex', gap: 16, alignItems: 'center', justifyContent: 'space-between', fontWeight: 600 }}
    >
      <span>
        You ({session.impersonatorEmail}) are viewing this shop as {session.targetEmail}
        {session.readOnly ? ', read-only' : ''}
        {session.breakGlass ? ' (break-glass)' : ''}, until {until} UTC. Every request is in the shop’s audit log.
      </span>
      <EndImpersonationButton />
    </div>
  )
}
