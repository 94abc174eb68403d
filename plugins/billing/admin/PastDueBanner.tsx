'use client'

import { useTenantSelection } from '@payloadcms/plugin-multi-tenant/client'
import { Link, useAuth, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'
import { useEffect, useState } from 'react'

import type { User } from '../../../payload-types'
import { useBillingApi } from './api'
import { bannerText } from './status'
import type { BillingStatus } from './types'
import { BILLING_PATH, isBillingSuperAdmin, maySeeBilling } from './view-types'
import './billing-chrome.scss'

/**
 * The past-due banner at the top of every admin page (`admin.components.header`) for the staff
 * of the shop selected in the admin: GET /api/billing/status, asked again when the shop or the
 * page changes. It shows nothing unless the subscription is past due ("Payment failed: the shop
 * will be suspended on <date> unless the invoice is paid") or the shop is suspended for an unpaid
 * invoice, each with a link to the Billing view (for those who may open it; other staff are told
 * who can pay); nothing either when the answer is a refusal
 * (another shop, billing not set up) or no shop is chosen (the super-admin's platform view).
 */
export function PastDueBanner() {
  const api = useBillingApi()
  const { user } = useAuth<User>()
  const { selectedTenantID } = useTenantSelection()
  const pathname = usePathname()
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  const [status, setStatus] = useState<BillingStatus | null>(null)
  const shop = selectedTenantID === undefined || selectedTenantID === null ? '' : String(selectedTenantID)
  const ask = Boolean(user) && (!isBillingSuperAdmin(user) || shop !== '')

  useEffect(() => {
    if (!ask) return
    const controller = new AbortController()
    void api<BillingStatus>('/billing/status', { signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return
      setStatus(res.ok ? res.data : null)
    })
    return () => controller.abort()
  }, [api, ask, shop, pathname])

  const text = ask ? bannerText(status) : null
  if (!text) return null
  const href = formatAdminURL({ adminRoute, path: BILLING_PATH })
  return (
    <div className="billing-banner" data-testid="billing-banner" role="alert">
      <span>{text}</span>{' '}
      {!maySeeBilling(user) ? (
        <span>The shop’s tenant-admins can pay it under Billing.</span>
      ) : (
        pathname !== href && (
          <Link className="billing-banner__link" href={href} prefetch={false}>
            Go to Billing
          </Link>
        )
      )}
    </div>
  )
}
