'use client'

import { Link } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { useBillingApi } from './api'
import { Badge, ErrorLine } from './Badge'
import { errorText, formatCount, formatDateTime, formatMoney, query } from './format'
import { statusLabel } from './status'
import { StatusChart } from './StatusChart'
import type { BillingOverview } from './types'

function FailedPayments({ rows, billingHref }: { rows: BillingOverview['failedPayments']; billingHref: string }) {
  return (
    <section aria-labelledby="billing-failed-title" className="billing__panel" data-testid="billing-failed">
      <h2 id="billing-failed-title">Failed payments</h2>
      {rows.length === 0 ? (
        <p className="billing__empty">No failed payments.</p>
      ) : (
        <ul className="billing__failed">
          {rows.map((r) => (
            <li data-invoice={r.invoice} key={`${r.tenant.id}:${r.invoice}`}>
              <Link href={`${billingHref}${query({ tenant: r.tenant.id })}`} prefetch={false}>
                {r.tenant.name}
              </Link>{' '}
              {formatMoney(r.amountDue, r.currency)} · {r.attemptCount === 1 ? '1 attempt' : `${formatCount(r.attemptCount)} attempts`} · last {formatDateTime(r.at)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function TenantsTable({ rows, billingHref }: { rows: BillingOverview['tenants']; billingHref: string }) {
  return (
    <section aria-labelledby="billing-tenants-title" className="billing__panel">
      <h2 id="billing-tenants-title">Shops</h2>
      {rows.length === 0 ? (
        <p className="billing__empty">No shops yet.</p>
      ) : (
        <div className="billing__table-wrap">
          <table className="billing__table" data-testid="billing-tenants">
            <thead>
              <tr>
                <th scope="col">Shop</th>
                <th scope="col">Plan</th>
                <th scope="col">Subscription</th>
                <th scope="col">Shop status</th>
                <th className="billing__num" scope="col">
                  MRR
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => {
                const sub = statusLabel(t.subscription)
                return (
                  <tr data-tenant={t.id} key={t.id}>
                    <td>
                      <Link href={`${billingHref}${query({ tenant: t.id })}`} prefetch={false}>
                        {t.name}
                      </Link>
                    </td>
                    <td>{t.plan ?? '—'}</td>
                    <td>
                      <Badge dataStatus={t.subscription} tone={sub.tone}>
                        {sub.label}
                      </Badge>
                    </td>
                    <td>{t.status}</td>
                    <td className="billing__num">{formatMoney(t.mrr, t.currency)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/**
 * The super-admin's platform overview (GET /api/billing/overview): MRR per currency, the
 * subscriptions by status (a bar chart and its numbers), the failed payments and every shop,
 * each linked to its own billing (`/admin/billing?tenant=<id>`).
 */
export function OverviewClient({ billingHref }: { billingHref: string }) {
  const api = useBillingApi()
  const [data, setData] = useState<BillingOverview | null>(null)
  const [error, setError] = useState<null | string>(null)
  useEffect(() => {
    const controller = new AbortController()
    void api<BillingOverview>('/billing/overview', { signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return
      if (res.ok) setData(res.data)
      else setError(errorText(res))
    })
    return () => controller.abort()
  }, [api])

  if (!data) return error ? <ErrorLine error={error} /> : <p className="billing__hint">Loading the overview…</p>
  return (
    <div data-testid="billing-overview">
      <section aria-labelledby="billing-mrr-title" className="billing__panel">
        <h2 id="billing-mrr-title">Monthly recurring revenue</h2>
        {data.currencyTotals.length === 0 ? (
          <p className="billing__empty">No paying shop yet.</p>
        ) : (
          <dl className="billing__facts" data-testid="billing-mrr">
            {data.currencyTotals.map((t) => (
              <div data-currency={t.currency} key={t.currency}>
                <dt>{t.currency}</dt>
                <dd>{formatMoney(t.mrr, t.currency)}</dd>
              </div>
            ))}
          </dl>
        )}
        <StatusChart byStatus={data.byStatus} />
      </section>
      <FailedPayments billingHref={billingHref} rows={data.failedPayments} />
      <TenantsTable billingHref={billingHref} rows={data.tenants} />
    </div>
  )
}
