import { DefaultDashboard, type DashboardViewServerProps } from '@payloadcms/next/views'
import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'

import { hostOf } from '../options'
import { PlatformPanel } from './PlatformPanel'
import { ShopHome } from './ShopHome'
import { platformForView, summaryForView } from './summary-for-view'
import './dashboards.scss'

/**
 * The admin's dashboard. Tenant staff get their shop's home (ShopHome) in place of Payload's
 * cards, after the app's own `beforeDashboard` pieces (the onboarding reminder); the super-admin
 * with no shop chosen gets the platform's aggregates above the stock dashboard (its cards are the
 * platform's registry), and with `?tenant=` that shop's home.
 */
export async function DashboardView(props: DashboardViewServerProps) {
  const { initPageResult, searchParams } = props
  const req = initPageResult.req
  const options = hostOf(req)
  const admin = req.payload.config.routes.admin
  const target = await options.admin.viewTarget(req, searchParams, initPageResult.cookies)
  if (target.kind === 'overview') {
    const { platform, error } = await platformForView(options, req, searchParams)
    return (
      <>
        <div className="gutter--left gutter--right">
          <PlatformPanel admin={admin} error={error} money={(minor, currency) => options.admin.formatMoney(minor, currency)} platform={platform} />
        </div>
        <DefaultDashboard {...props} />
      </>
    )
  }
  if (target.kind === 'none' || !req.user) return <DefaultDashboard {...props} />
  const { summary, error } = await summaryForView(options, req, target.tenantId, searchParams)
  const before = req.payload.config.admin.components?.beforeDashboard
  return (
    <div className="dashboard gutter--left gutter--right">
      {before &&
        RenderServerComponent({
          Component: before,
          importMap: req.payload.importMap,
          serverProps: { i18n: req.i18n, locale: initPageResult.locale, payload: req.payload, permissions: initPageResult.permissions, user: req.user },
        })}
      <ShopHome
        admin={admin}
        error={error}
        money={(minor) => options.admin.formatMoney(minor, summary.currency)}
        // The currency's mark as the app writes it (৳ for taka), for the charts' compact axis.
        moneyAxis={{ perMajor: 10 ** options.admin.minorDigits(summary.currency), symbol: options.admin.formatMoney(0, summary.currency).replace(/[\d.,\s\u09e6-\u09ef]/g, '') }}
        summary={summary}
      />
    </div>
  )
}
