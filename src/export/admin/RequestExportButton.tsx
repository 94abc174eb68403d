'use client'

import { Button, toast } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import { failureMessage } from '../../admin/rest-client'
import { useRestClient } from '../../admin/use-rest-client'

const POLL_MS = 3000
const POLL_FOR_MS = 5 * 60 * 1000

/**
 * "Request export" above the Exports list (`admin.components.beforeListTable`): POSTs
 * /api/exports/request for the selected shop, then refreshes the list every few seconds for a
 * while so the progress column moves. The endpoint decides who may (tenant-admins).
 */
export function RequestExportButton() {
  const rest = useRestClient()
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
      await rest('POST', '/exports/request')
      toast.success('Export requested. You will get an email with the download link when it is ready.')
      setPollUntil(Date.now() + POLL_FOR_MS)
    } catch (error) {
      toast.error(failureMessage(error, 'The server did not answer; try again.'))
    } finally {
      router.refresh()
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
