/**
 * The admin's Billing view (`/admin/billing`, view key `billing`).
 *
 * - A tenant-admin: the shop's billing (GET /api/billing/summary): plan and status, next invoice,
 *   payment method, usage against the plan, the plan picker (Checkout or change), cancel /
 *   resume, the Stripe portal, the invoices. `?checkout=success|cancelled` (Stripe Checkout's
 *   return) shows a notice; after a success the summary is asked again every 2 s (30 s at most)
 *   until the subscription is active or trialing.
 * - The super-admin: the platform overview (GET /api/billing/overview); with `?tenant=<id>`, that
 *   shop's billing (read-only, the calls carry `?tenant=`) and "Comp this shop".
 *
 * Stable `data-testid`s for the e2e tests:
 *   billing-view            the view's root (data-mode="tenant" | "overview")
 *   billing-status          the subscription's status badge (data-status=<status>)
 *   billing-notice          the Checkout return notice (data-checkout=success|cancelled, data-settled)
 *   billing-disabled        the reason when billing is not set up (`enabled: false`)
 *   billing-error           a call's error, in words (each panel has its own)
 *   billing-next-invoice    next invoice date and amount
 *   billing-payment-method  the payment method's status (data-state=ok|failing|none)
 *   billing-usage           the usage section; each bar data-metric=<metric>, data-level
 *   billing-interval-month  the picker's monthly toggle (aria-pressed)
 *   billing-interval-year   the picker's yearly toggle (aria-pressed)
 *   billing-plan-<slug>     a plan's card (data-current="true" on the current plan)
 *   billing-subscribe       the card's "Subscribe" button (no live subscription → Checkout)
 *   billing-change          the card's "Change" button (live subscription), then the confirm step
 *   billing-change-confirm  "Yes, change" in the confirm step (billing-change-cancel: "Keep my plan")
 *   billing-cancel          "Cancel at period end" / "Resume" (data-action=cancel|resume)
 *   billing-portal          "Manage cards and invoices" (→ the Stripe portal)
 *   billing-invoices        the invoices table; each row data-invoice=<id>
 *   billing-comp            the super-admin's "Comp this shop" form (billing-comp-submit)
 *   billing-overview        the super-admin's overview (billing-mrr, billing-by-status, billing-failed, billing-tenants)
 *   billing-banner          the past-due banner on every admin page (PastDueBanner.tsx)
 *   billing-sync-prices     "Sync prices with Stripe" above the plans list (SyncPricesButton.tsx; billing-sync-result)
 */
import { Link } from '@payloadcms/ui'
import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'
import type { AdminViewServerProps } from 'payload'
import { formatAdminURL, getFromImportMap } from 'payload/shared'

import { BillingClient } from './BillingClient'
import { OverviewClient } from './OverviewClient'
import { checkoutReturnOf } from './status'
import { BILLING_PATH, billingAdminOf, isBillingSuperAdmin, maySeeBilling, type RequireAdminUser, type ViewShellProps } from './view-types'
import './billing-view.scss'
import './billing-parts.scss'
import './billing-chrome.scss'

type SearchParams = AdminViewServerProps['searchParams']

const one = (searchParams: SearchParams, key: string): string | undefined => {
  const value = searchParams?.[key]
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined
}

const queryString = (searchParams: SearchParams) => {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(searchParams ?? {})) for (const v of [value].flat()) if (typeof v === 'string') q.append(key, v)
  return q.size > 0 ? `?${q}` : ''
}

/**
 * Drawn in the host's view shell after its `requireAdminUser` (custom views are public in
 * Payload). The client parts call the REST API, whose access rules decide what they get; the
 * remount key is the shop selected in the admin and `?tenant=`, so switching shops starts afresh.
 */
export function BillingView({ importMap, initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const admin = billingAdminOf(req.payload.config)
  const requireAdminUser = getFromImportMap<RequireAdminUser>({ importMap, PayloadComponent: admin.requireAdminUser, schemaPath: 'billing.admin.requireAdminUser' })
  const user = requireAdminUser({ initPageResult, params, searchParams }, `${BILLING_PATH}${queryString(searchParams)}`)
  const superAdmin = isBillingSuperAdmin(user)
  const tenant = one(searchParams, 'tenant')
  const checkout = checkoutReturnOf(one(searchParams, 'checkout'))
  const shop = initPageResult.cookies?.get('payload-tenant') ?? 'none'
  const adminRoute = req.payload.config.routes.admin
  const billingHref = formatAdminURL({ adminRoute, path: BILLING_PATH })

  let content
  if (!maySeeBilling(user)) {
    content = (
      <p className="billing__empty" role="alert">
        Only a shop’s tenant-admins see its billing.
      </p>
    )
  } else if (superAdmin && !tenant) {
    content = <OverviewClient billingHref={billingHref} />
  } else {
    content = <BillingClient checkout={checkout} key={`${shop}:${tenant ?? ''}`} superAdmin={superAdmin} tenant={tenant ?? null} />
  }

  const body = (
    <div className="billing" data-mode={superAdmin && !tenant ? 'overview' : 'tenant'} data-testid="billing-view">
      <header className="billing__header">
        <h1>Billing</h1>
        {superAdmin && tenant && (
          <Link href={billingHref} prefetch={false}>
            ← All shops
          </Link>
        )}
      </header>
      {content}
    </div>
  )
  const shell: ViewShellProps = { initPageResult, params, searchParams, viewType: 'billing', label: 'Billing', className: 'billing-view', children: body }
  return RenderServerComponent({ Component: admin.viewShell, importMap, serverProps: shell })
}
