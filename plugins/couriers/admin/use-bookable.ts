'use client'

import { useEffect, useState } from 'react'

import { useCourierApi } from './api'
import type { BookableAccount } from './BookForm'
import { query } from './format'

/**
 * The shop's accounts the user may book with (GET /api/couriers/bookable, `?tenant=` when
 * known, else the shop selected in the admin); null while loading, and the server's refusal in
 * words when the role may not book or no shop is chosen. `enabled: false` asks nothing yet.
 */
export function useBookable(tenant: null | string, enabled = true) {
  const api = useCourierApi()
  const [accounts, setAccounts] = useState<BookableAccount[] | null>(null)
  const [refusal, setRefusal] = useState<null | string>(null)
  useEffect(() => {
    if (!enabled) return
    const controller = new AbortController()
    void api<{ accounts: BookableAccount[] }>(`/couriers/bookable${query({ tenant })}`, { signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return
      if (res.ok) {
        setAccounts(res.data.accounts)
        setRefusal(null)
      } else setRefusal(res.message)
    })
    return () => controller.abort()
  }, [api, tenant, enabled])
  return { accounts, refusal }
}
