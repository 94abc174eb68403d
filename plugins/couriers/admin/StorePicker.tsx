'use client'

import { useEffect, useId, useState } from 'react'

import { useCourierApi } from './api'

type Store = { id: string; name: string; address: string; active: boolean; isDefault: boolean }

/**
 * The pickup store at the courier (Pathao, RedX), from GET /api/couriers/:id/stores; the
 * account's default is chosen first. When the courier cannot be asked, the account's default
 * store is used and the reason is shown.
 */
export function StorePicker({ accountId, value, onChange, error }: { accountId: string; value: string; onChange: (id: string) => void; error?: string }) {
  const api = useCourierApi()
  const id = useId()
  const [stores, setStores] = useState<Store[] | null>(null)
  const [problem, setProblem] = useState<null | string>(null)
  useEffect(() => {
    const controller = new AbortController()
    setStores(null)
    setProblem(null)
    void api<{ stores: Store[] }>(`/couriers/${accountId}/stores`, { signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return
      if (!res.ok) return setProblem(res.message)
      const active = res.data.stores.filter((s) => s.active)
      setStores(active)
      if (!value && active.length > 0) onChange((active.find((s) => s.isDefault) ?? active[0]).id)
    })
    return () => controller.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the stores of this account, once; the choice is the parent's
  }, [api, accountId])
  return (
    <div className="courier-field">
      <label htmlFor={id}>Pickup store</label>
      {stores && stores.length > 0 ? (
        <select id={id} onChange={(e) => onChange(e.target.value)} value={value}>
          {value && !stores.some((s) => s.id === value) && <option value={value}>Store {value} (the account’s default)</option>}
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.address ? ` — ${s.address}` : ''}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} onChange={(e) => onChange(e.target.value)} placeholder="Store id at the courier" value={value} />
      )}
      {problem && <small className="courier-note courier-note--warning">Could not list the stores ({problem}); the store id above is used.</small>}
      {stores && stores.length === 0 && <small className="courier-note">The courier lists no active store for this account.</small>}
      {error && <small className="courier-error">{error}</small>}
    </div>
  )
}
