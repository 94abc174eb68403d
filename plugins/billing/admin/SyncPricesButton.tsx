'use client'

import { Button, useAuth } from '@payloadcms/ui'
import { useState } from 'react'

import type { User } from '../../../payload-types'
import { useBillingApi } from './api'
import { ErrorLine } from './Badge'
import { syncText } from './status'
import type { SyncPricesAnswer } from './types'
import { useAction } from './use-action'
import { isBillingSuperAdmin } from './view-types'
import './billing-chrome.scss'

/**
 * "Sync prices with Stripe" above the plans list (`beforeListTable`), for the super-admin only:
 * POST /api/billing/sync-prices brings the plans' Stripe products, prices and meters up to date,
 * then shows the counts (products, prices created and archived, meters) or the server's error in words.
 */
export function SyncPricesButton() {
  const api = useBillingApi()
  const { user } = useAuth<User>()
  const { busy, error, run } = useAction()
  const [result, setResult] = useState<null | string>(null)
  if (!isBillingSuperAdmin(user)) return null
  const sync = async () => {
    setResult(null)
    const data = await run('sync', () => api<SyncPricesAnswer>('/billing/sync-prices', { method: 'POST', body: {} }))
    if (data) setResult(syncText(data))
  }
  return (
    <div className="billing-sync">
      <Button buttonStyle="secondary" disabled={busy !== null} extraButtonProps={{ 'data-testid': 'billing-sync-prices' }} margin={false} onClick={() => void sync()} size="medium">
        {busy ? 'Syncing with Stripe…' : 'Sync prices with Stripe'}
      </Button>
      {result && (
        <p className="billing__success" data-testid="billing-sync-result" role="status">
          {result}
        </p>
      )}
      <ErrorLine error={error} testId="billing-sync-error" />
    </div>
  )
}
