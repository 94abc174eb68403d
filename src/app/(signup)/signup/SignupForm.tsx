'use client'

import { useEffect, useState, type CSSProperties, type FormEvent } from 'react'

import { ApiError, failureMessage, restClient } from '../../../admin/rest-client'
import type { FieldError } from '../../../errors/shape'

type FieldErrors = Partial<Record<'shopName' | 'slug' | 'name' | 'email' | 'password' | 'form', string>>

const slugify = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)

const rest = restClient()

const label: CSSProperties = { display: 'block', fontWeight: 600, marginTop: 16 }
const input: CSSProperties = { display: 'block', width: '100%', boxSizing: 'border-box', padding: 8, marginTop: 4, fontSize: 16 }
const error: CSSProperties = { color: '#b42318', fontSize: 14, marginTop: 4 }

export function SignupForm() {
  const [values, setValues] = useState({ shopName: '', slug: '', name: '', email: '', password: '', demoData: false })
  const [slugEdited, setSlugEdited] = useState(false)
  const [slugState, setSlugState] = useState<null | { available: boolean; reason?: string }>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<null | { slug: string; email: string }>(null)

  const set = (key: keyof typeof values, value: boolean | string) => setValues((v) => ({ ...v, [key]: value }))

  useEffect(() => {
    if (!slugEdited) setValues((v) => ({ ...v, slug: slugify(v.shopName) }))
  }, [values.shopName, slugEdited])

  useEffect(() => {
    if (!values.slug) return setSlugState(null)
    const timer = setTimeout(async () => {
      await rest<{ available: boolean; reason?: string }>('GET', `/tenants/slug-available?slug=${encodeURIComponent(values.slug)}`).then(setSlugState, () => undefined)
    }, 300)
    return () => clearTimeout(timer)
  }, [values.slug])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setErrors({})
    try {
      const { slug, email } = await rest<{ slug: string; email: string }>('POST', '/tenants/signup', values)
      setDone({ slug, email })
    } catch (failure) {
      const fieldErrors: FieldErrors = {}
      const body = failure instanceof ApiError ? (failure.body as { errors?: FieldError[] } | null) : null
      for (const e of body?.errors ?? []) if (e.path) fieldErrors[e.path as keyof FieldErrors] = e.message
      if (Object.keys(fieldErrors).length === 0) fieldErrors.form = failureMessage(failure, 'The server did not answer; try again.')
      setErrors(fieldErrors)
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      <div role="status">
        <p>
          <strong>Check your inbox at {done.email}.</strong> We sent you the next step for your shop “{done.slug}”: if this email is new to e-merkater, your shop is ready and you can sign in with the password
          you chose.
        </p>
        <p>
          <a href="/admin/login">Sign in</a>
        </p>
      </div>
    )
  }

  const field = (key: 'shopName' | 'name' | 'email' | 'password', text: string, type = 'text', autoComplete?: string) => (
    <label style={label}>
      {text}
      <input style={input} type={type} name={key} autoComplete={autoComplete} required value={values[key]} onChange={(e) => set(key, e.target.value)} aria-invalid={Boolean(errors[key])} />
      {errors[key] && <span style={error}>{errors[key]}</span>}
    </label>
  )

  return (
    <form onSubmit={submit} noValidate>
      {field('shopName', 'Shop name', 'text', 'organization')}
      <label style={label}>
        Shop address
        <input
          style={input}
          name="slug"
          required
          value={values.slug}
          onChange={(e) => {
            setSlugEdited(true)
            set('slug', e.target.value.toLowerCase())
          }}
          aria-describedby="slug-state"
          aria-invalid={Boolean(errors.slug) || slugState?.available === false}
        />
        <span id="slug-state" style={slugState?.available === false || errors.slug ? error : { fontSize: 14, marginTop: 4, color: '#027a48' }}>
          {errors.slug ?? (slugState ? (slugState.available ? `${values.slug} is available` : slugState.reason) : '')}
        </span>
      </label>
      {field('name', 'Your name', 'text', 'name')}
      {field('email', 'Email', 'email', 'email')}
      {field('password', 'Password (10 characters or more)', 'password', 'new-password')}
      <label style={{ ...label, fontWeight: 400 }}>
        <input type="checkbox" checked={values.demoData} onChange={(e) => set('demoData', e.target.checked)} /> Add a few sample products to try things out
      </label>
      {errors.form && (
        <p role="alert" style={error}>
          {errors.form}
        </p>
      )}
      <button type="submit" disabled={busy} style={{ marginTop: 24, padding: '10px 16px', fontSize: 16 }}>
        {busy ? 'Opening your shop…' : 'Open my shop'}
      </button>
    </form>
  )
}
