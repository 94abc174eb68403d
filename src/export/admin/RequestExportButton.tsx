'use client'

import { Button, toast, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import { errorMessage } from '../../errors/shape'

const POLL_MS = 3000
const POLL_FOR_MS = 5 * 60 * 1000

/**
 * "Request export" above the Exports list (`admin.components.beforeListTable`): POSTs
 * /api/exports/request for the selected shop, then refreshes the list every few seconds for a
 * while so the progress column moves. The endpoint decides who may (tenant-admins).
 */
export function RequestExportButton() {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [pollUntil, setPollUntil] = useState(0)

  useEffect(() => {
    if (pollUntil <= Date.now()) return
    const timer = setInterval(() => (Date.now() > pollUntil ? clearInterval(timer) : router.refresh()), POLL_MS)
    return () => clearInterval(timer)
  }, [pollUntil, router])

  const request = async () => {
    setBusy(true)
    try {
      const res = await fetch(`${serverURL}${api}/exports/request`, { method: 'POST', credentials: 'include' })
      const body: unknown = await res.json().catch(() => ({}))
      if (!res.ok) toast.error(errorMessage(body, res.status))
      else {
        toast.success('Export requested. You will get an email with the download link when it is ready.')
        setPollUntil(Date.now() + POLL_FOR_MS)
      }
      router.refresh()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 'var(--base)' }}>
      <Button buttonStyle="primary" disabled={busy} onClick={() => void request()} size="medium">
        {busy ? 'Requesting…' : 'Request export'}
      </Button>
    </div>
  )
}
