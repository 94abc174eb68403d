'use client'

import { useEffect, useId, useState } from 'react'

import { useCourierApi } from '../api'
import { query } from '../format'
import { providerLabel } from '../labels'
import type { AccountChoice } from '../report-types'

export type Period = { from: string; to: string }

/** From / to dates (whole days, both included) of a report. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const id = useId()
  return (
    <>
      <label className="courier-report__control" htmlFor={`${id}-from`}>
        From
        <input id={`${id}-from`} max={value.to} onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })} type="date" value={value.from} />
      </label>
      <label className="courier-report__control" htmlFor={`${id}-to`}>
        To
        <input id={`${id}-to`} min={value.from} onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })} type="date" value={value.to} />
      </label>
    </>
  )
}

/**
 * The shop's courier accounts (GET /api/couriers, the caller's own read access: the shop
 * selected in the admin), for a report's account picker. Empty when the role may not list them.
 */
export function useAccounts(): AccountChoice[] {
  const api = useCourierApi()
  const [accounts, setAccounts] = useState<AccountChoice[]>([])
  useEffect(() => {
    const controller = new AbortController()
    void api<{ docs: AccountChoice[] }>(`/couriers${query({ depth: 0, limit: 100, sort: 'label' })}`, { signal: controller.signal }).then((res) => {
      if (!controller.signal.aborted && res.ok) setAccounts(res.data.docs.map((d) => ({ id: d.id, label: d.label, provider: d.provider })))
    })
    return () => controller.abort()
  }, [api])
  return accounts
}

/** "All accounts" or one of them. */
export function AccountPicker({ accounts, value, onChange }: { accounts: AccountChoice[]; value: string; onChange: (id: string) => void }) {
  const id = useId()
  return (
    <label className="courier-report__control" htmlFor={id}>
      Account
      <select id={id} onChange={(e) => onChange(e.target.value)} value={value}>
        <option value="">All accounts</option>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label} ({providerLabel(a.provider)})
          </option>
        ))}
      </select>
    </label>
  )
}
