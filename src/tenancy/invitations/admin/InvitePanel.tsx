'use client'

import { Button, useAuth } from '@payloadcms/ui'
import { useEffect, useState, type FormEvent } from 'react'

import { failureMessage } from '../../../admin/rest-client'
import { useRestClient } from '../../../admin/use-rest-client'
import { TENANT_ROLE_LABELS, TENANT_ROLES } from '../../roles'
import { formText } from '../../../admin/form-text'

type Shop = { id: string; name: string }
type Me = { id: string; roles?: string[]; tenants?: { tenant: string | { id: string; name?: string; displayName?: string }; role: string }[] }

/**
 * Above the Users list: "Invite someone" into one of the shops the viewer administers (the
 * super-admin: any shop). People join by accepting the emailed link (src/tenancy/invitations);
 * pending invitations are listed under Settings → Invitations.
 */
export function InvitePanel() {
  const { user } = useAuth<Me>()
  const rest = useRestClient()
  const superAdmin = Boolean(user?.roles?.includes('super-admin'))
  const own: Shop[] = (user?.tenants ?? [])
    .filter((row) => row.role === 'tenant-admin')
    .map((row) => (typeof row.tenant === 'object' ? { id: row.tenant.id, name: row.tenant.displayName || row.tenant.name || row.tenant.id } : { id: row.tenant, name: row.tenant }))
  const [shops, setShops] = useState<Shop[]>(own)
  const [state, setState] = useState<{ busy?: boolean; message?: string; error?: string }>({})

  // The super-admin may invite into any shop; staff into their own, whose names are read here
  // when the signed-in user carries its memberships as ids only (the session's user is read at depth 0).
  const unnamed = own.filter((shop) => shop.name === shop.id).map((shop) => shop.id)
  const unnamedKey = unnamed.join(',')
  useEffect(() => {
    if (!superAdmin && unnamedKey === '') return
    const query = superAdmin ? '' : `&where[id][in]=${encodeURIComponent(unnamedKey)}`
    rest<{ docs?: { id: string; name: string; displayName?: string }[] }>('GET', `/tenants?limit=200&depth=0&sort=name${query}`)
      .then((body) => {
        const named = (body.docs ?? []).map((t) => ({ id: t.id, name: t.displayName || t.name }))
        setShops((current) => (superAdmin ? named : current.map((shop) => named.find((t) => t.id === shop.id) ?? shop)))
      })
      .catch(() => undefined)
  }, [rest, superAdmin, unnamedKey])

  if (!superAdmin && own.length === 0) return null

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const element = event.currentTarget
    const form = new FormData(element)
    const email = formText(form, 'email')
    setState({ busy: true })
    try {
      await rest('POST', `/tenants/${formText(form, 'tenant')}/invite`, { email, role: form.get('role') })
      element.reset()
      setState({ message: `Invitation sent to ${email}. They join when they accept it.` })
    } catch (error) {
      setState({ error: failureMessage(error, 'The server did not answer; try again.') })
    }
  }

  return (
    <form aria-label="Invite someone" onSubmit={submit} style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'end', margin: '0 0 24px' }}>
      <label style={{ display: 'grid', gap: 4 }}>
        Email
        <input name="email" required type="email" style={{ padding: 8, minWidth: 240 }} />
      </label>
      <label style={{ display: 'grid', gap: 4 }}>
        Role
        <select defaultValue="sales-operator" name="role" style={{ padding: 8 }}>
          {TENANT_ROLES.map((role) => (
            <option key={role} value={role}>
              {TENANT_ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </label>
      <label style={{ display: 'grid', gap: 4 }}>
        Shop
        <select name="tenant" required style={{ padding: 8 }}>
          {shops.map((shop) => (
            <option key={shop.id} value={shop.id}>
              {shop.name}
            </option>
          ))}
        </select>
      </label>
      <Button buttonStyle="secondary" disabled={state.busy} type="submit">
        {state.busy ? 'Sending…' : 'Invite'}
      </Button>
      {state.message && <p role="status">{state.message}</p>}
      {state.error && (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {state.error}
        </p>
      )}
    </form>
  )
}
