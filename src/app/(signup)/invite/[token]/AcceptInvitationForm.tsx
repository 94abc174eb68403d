'use client'

import { useState, type CSSProperties, type FormEvent } from 'react'

import { failureMessage, restClient } from '../../../../admin/rest-client'
import { formText } from '../../../../admin/form-text'

const label: CSSProperties = { display: 'block', fontWeight: 600, marginTop: 16 }
const input: CSSProperties = { display: 'block', width: '100%', boxSizing: 'border-box', padding: 8, marginTop: 4, fontSize: 16 }
const errorStyle: CSSProperties = { color: '#b42318', fontSize: 14, marginTop: 4 }
// In the shop's colour when the page sets its `--brand-*` properties (an AA-contrasting text colour comes with it).
const button: CSSProperties = {
  marginTop: 24,
  padding: '10px 16px',
  fontSize: 16,
  border: 0,
  borderRadius: 6,
  cursor: 'pointer',
  background: 'var(--brand-primary, #1b1d21)',
  color: 'var(--brand-primary-text, #fff)',
}

const rest = restClient()

/** POST `body` to `path`: null when it went through, else the words to show (`fallback` when the server said nothing). */
const post = (path: string, body: object, fallback: string): Promise<null | string> =>
  rest('POST', path, body).then(
    () => null,
    (error: unknown) => failureMessage(error, fallback),
  )

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
    const password = formText(form, 'password')
    setBusy(true)
    setError(null)
    try {
      if (accountExists) {
        const signIn = await post('/users/login', { email, password }, 'Sign-in failed.')
        if (signIn) return setError(signIn)
        const accepted = await post('/invitations/accept', { token }, 'The invitation could not be accepted.')
        if (accepted) return setError(accepted)
      } else {
        if (password !== formText(form, 'confirm')) return setError('The two passwords differ.')
        const accepted = await post('/invitations/accept', { token, name: form.get('name'), password }, 'The invitation could not be accepted.')
        if (accepted) return setError(accepted)
        const signIn = await post('/users/login', { email, password }, 'Your account is ready, but signing in failed: sign in from the admin.')
        if (signIn) return setError(signIn)
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
      <button disabled={busy} style={button} type="submit">
        {busy ? 'Joining…' : accountExists ? 'Sign in and join' : 'Create my account and join'}
      </button>
    </form>
  )
}
