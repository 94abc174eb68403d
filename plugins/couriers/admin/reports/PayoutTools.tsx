'use client'

import { Button, toast } from '@payloadcms/ui'
import { useId, useRef, useState } from 'react'

import { useCourierApi } from '../api'
import { providerLabel, SYNCS_PAYOUTS } from '../labels'
import type { AccountChoice, ImportAnswer, SyncAnswer } from '../report-types'

/** Largest payout sheet read in the browser (the server has its own limit). */
const MAX_SHEET_BYTES = 2_000_000

/**
 * The chosen account's payouts: "Import payout sheet" (a CSV the courier sent: POST
 * /api/couriers/:id/payouts/import as text/csv; the lines it could not match listed with the
 * reason), and "Sync payouts" where the courier has a payouts API (Steadfast). `onChange`
 * reloads the reconciliation afterwards.
 */
export function PayoutTools({ account, onChange }: { account: AccountChoice | undefined; onChange: () => void }) {
  const api = useCourierApi()
  const id = useId()
  const file = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState<null | 'import' | 'sync'>(null)
  const [imported, setImported] = useState<ImportAnswer | null>(null)
  const [error, setError] = useState<null | string>(null)
  if (!account) return <p className="courier-note">Choose one account to import its payout sheet{SYNCS_PAYOUTS.size ? ' or sync its payouts' : ''}.</p>

  const upload = async (chosen: File | undefined) => {
    if (!chosen) return
    setError(null)
    setImported(null)
    if (chosen.size > MAX_SHEET_BYTES) return setError('That file is too large for a payout sheet (2 MB at most).')
    setBusy('import')
    const res = await api<ImportAnswer>(`/couriers/${account.id}/payouts/import`, { method: 'POST', text: { content: await chosen.text(), type: 'text/csv' } })
    setBusy(null)
    if (file.current) file.current.value = ''
    if (!res.ok) return setError(res.message)
    setImported(res.data)
    toast.success(`Payout ${res.data.reference}: ${res.data.matched} parcel(s) settled${res.data.unmatched.length ? `, ${res.data.unmatched.length} line(s) not matched` : ''}.`)
    onChange()
  }

  const sync = async () => {
    setError(null)
    setBusy('sync')
    const res = await api<SyncAnswer>(`/couriers/${account.id}/payouts/sync`, { method: 'POST' })
    setBusy(null)
    if (!res.ok) return setError(res.message)
    toast.success(
      `${res.data.payouts} payout(s) read from ${providerLabel(account.provider)}: ${res.data.settled} parcel(s) settled${res.data.unmatched.length ? `, ${res.data.unmatched.length} not matched` : ''}.`,
    )
    onChange()
  }

  return (
    <div className="courier-payouts" data-testid="payout-tools">
      <label className="courier-payouts__file" htmlFor={`${id}-sheet`}>
        Import payout sheet (CSV)
        <input accept=".csv,text/csv" disabled={busy !== null} id={`${id}-sheet`} onChange={(e) => void upload(e.target.files?.[0])} ref={file} type="file" />
      </label>
      {SYNCS_PAYOUTS.has(account.provider) && (
        <Button buttonStyle="secondary" disabled={busy !== null} margin={false} onClick={() => void sync()} size="small">
          {busy === 'sync' ? 'Reading payouts…' : `Sync payouts from ${providerLabel(account.provider)}`}
        </Button>
      )}
      {busy === 'import' && <span className="courier-note">Importing…</span>}
      {error && (
        <p className="courier-error" role="alert">
          {error}
        </p>
      )}
      {imported && imported.unmatched.length > 0 && (
        <details className="courier-payouts__unmatched" open>
          <summary>
            {imported.unmatched.length} line(s) of payout {imported.reference} not matched
          </summary>
          <ul>
            {imported.unmatched.map((u) => (
              <li key={u.line}>
                Line {u.line}
                {u.trackingCode ? `, tracking ${u.trackingCode}` : ''}
                {u.invoice ? `, invoice ${u.invoice}` : ''}: {u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
