'use client'

import { useState, type CSSProperties, type FormEvent } from 'react'

import { errorMessage } from '../../../../errors/shape'

const label: CSSProperties = { display: 'block', fontWeight: 600, marginTop: 16 }
const input: CSSProperties = { display: 'block', width: '100%', boxSizing: 'border-box', padding: 8, marginTop: 4, fontSize: 16 }
const errorStyle: CSSProperties = { color: '#b42318', fontSize: 14, marginTop: 4 }

type ErrorBody = unknown

const messageOf = (body: ErrorBody | null, fallback: string) => (body ? errorMessage(body, 0) : fallback)

async function post(path: string, body: object): Promise<{ ok: boolean; body: ErrorBody | null }> {
  const res = await fetch(path, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { ok: res.ok, body: await res.json().catch(() => null) }
}

/**
 * Accept an invitation. With an account: sign in as that account (its password), then accept.
 * Without one: choose a name and password; the account is created on acceptance, then signed in.
 */
export function AcceptInvitationForm({ token, email, accountExists }: { token: string; email: string; accountExists: boolean }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const password = String(form.get('password') ?? '')
    setBusy(true)
    setError(null)
    try {
      if (accountExists) {
        const signIn = await post('/api/users/login', { email, password })
        if (!signIn.ok) return setError(messageOf(signIn.body, 'Sign-in failed.'))
        const accepted = await post('/api/invitations/accept', { token })
        if (!accepted.ok) return setError(messageOf(accepted.body, 'The invitation could not be accepted.'))
      } else {
        if (password !== String(form.get('confirm') ?? '')) return setError('The two passwords differ.')
        const accepted = await post('/api/invitations/accept', { token, name: form.get('name'), password })
        if (!accepted.ok) return setError(messageOf(accepted.body, 'The invitation could not be accepted.'))
        const signIn = await post('/api/users/login', { email, password })
        if (!signIn.ok) return setError(messageOf(signIn.body, 'Your account is ready, but signing in failed: sign in from the admin.'))
      }
      window.location.assign('/admin')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit}>
      {accountExists ? (
        <p>You already have an account: sign in as {email} to accept.</p>
      ) : (
        <label style={label}>
          Your name
          <input autoComplete="name" maxLength={120} name="name" required style={input} />
        </label>
      )}
      <label style={label}>
        {accountExists ? 'Your password' : 'Choose a password (10 characters or more)'}
        <input autoComplete={accountExists ? 'current-password' : 'new-password'} minLength={accountExists ? undefined : 10} name="password" required style={input} type="password" />
      </label>
      {!accountExists && (
        <label style={label}>
          Repeat the password
          <input autoComplete="new-password" name="confirm" required style={input} type="password" />
        </label>
      )}
      {error && (
        <p role="alert" style={errorStyle}>
          {error}
        </p>
      )}
      <button disabled={busy} style={{ marginTop: 24, padding: '10px 16px', fontSize: 16 }} type="submit">
        {busy ? 'Joining…' : accountExists ? 'Sign in and join' : 'Create my account and join'}
      </button>
    </form>
  )
}
