'use client'

import { Button, Pill, Spinner, toast, useDocumentInfo, useForm, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

import { useApi } from './inbox/api'

type ConnectionResult = { ok: boolean; status: 'unverified' | 'connected' | 'disconnected' | 'error'; verified: boolean; message: string; checkedAt: string }

/** The fields the test writes on the document, shown again in the form without losing unsaved edits. */
const WRITTEN = ['status', 'verifiedAt', 'qualityRating', 'connection.checkedAt', 'connection.ok', 'connection.message']

const valueAt = (doc: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), doc)

/**
 * "Test connection" on a saved page or number (`connection` group's `beforeInput`): POST
 * /api/<pages|numbers>/:id/test-connection, a toast with Meta's answer, then the stored result
 * (status, connection.*) put into the form, and the document's `updatedAt` into the document
 * info so a later save is not mistaken for editing stale data. Above the button: whether the
 * page or number is verified (routable) — an unverified one receives nothing.
 */
export function TestConnectionButton() {
  const { id, collectionSlug, setData } = useDocumentInfo()
  const { dispatchFields, getField } = useForm()
  const api = useApi()
  const [busy, setBusy] = useState(false)
  const verifiedAt = useFormFields(([fields]) => fields.verifiedAt?.value) as null | string | undefined
  if (!id || !collectionSlug) return null

  const showStored = async () => {
    const fresh = await api<Record<string, unknown>>(`/${collectionSlug}/${id}?depth=0`)
    if (!fresh.ok) return
    for (const path of WRITTEN) {
      if (!getField(path)) continue
      const value = valueAt(fresh.data, path) ?? null
      dispatchFields({ type: 'UPDATE', path, value, initialValue: value })
    }
    setData(fresh.data)
  }

  const test = async () => {
    setBusy(true)
    try {
      const res = await api<ConnectionResult>(`/${collectionSlug}/${id}/test-connection`, { method: 'POST' })
      if (!res.ok) {
        toast.error(res.message)
        await showStored()
        return
      }
      if (res.data.ok) toast.success(res.data.message)
      else toast.error(res.data.message)
      await showStored()
    } finally {
      setBusy(false)
    }
  }

  const what = collectionSlug === 'pages' ? 'page' : 'number'
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 'calc(var(--base) / 2)', marginBottom: 'calc(var(--base) / 2)' }}>
      <span data-verification={verifiedAt ? 'verified' : 'unverified'} style={{ flexBasis: '100%' }}>
        <Pill pillStyle={verifiedAt ? 'success' : 'warning'} size="small">
          {verifiedAt ? 'Verified' : 'Unverified'}
        </Pill>{' '}
        {verifiedAt ? null : <small>{`This ${what} receives nothing until Meta confirms that its token controls it.`}</small>}
      </span>
      <Button aria-label="Test connection" buttonStyle="secondary" disabled={busy} margin={false} onClick={() => void test()} size="small">
        Test connection
      </Button>
      {busy && <Spinner loadingText="Asking Meta…" size="sm" />}
    </div>
  )
}
