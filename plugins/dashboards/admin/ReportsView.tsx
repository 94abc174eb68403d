import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'
import type { AdminViewServerProps, PayloadRequest } from 'payload'
import { getFromImportMap } from 'payload/shared'

import type { ReportsShellProps, RequireAdminUser } from '../host'
import { hostOf, type ResolvedDashboardsOptions } from '../options'
import { exportRolesOf, mayExport, REPORT_SETTINGS, whoMayExport } from '../reports/settings'
import { reportTables, SECTION_TITLES } from '../reports/tables'
import type { Summary } from '../summary/load'
import { PeriodPicker } from './PeriodPicker'
import { ReportTables } from './ReportTables'
import { summaryForView } from './summary-for-view'
import './dashboards.scss'

export const REPORTS_PATH = '/reports'

const queryOf = (searchParams: AdminViewServerProps['searchParams']) => {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(searchParams ?? {})) for (const v of [value].flat()) if (typeof v === 'string') query.append(key, v)
  return query.size > 0 ? `?${query}` : ''
}

/** "Download CSV" / "Download XLSX" for the period shown, or who may export and where that is set. */
async function ExportLinks({ options, req, tenantId, summary }: { options: ResolvedDashboardsOptions; req: PayloadRequest; tenantId: string; summary: Summary }) {
  const work = { tenantId, via: 'user' as const, userId: String(req.user!.id) }
  const { roles, settingsId } = await options.tenancy.runWithTenant(work, () => exportRolesOf(req, tenantId))
  const role = await options.tenancy.roleIn(req, tenantId)
  const admin = req.payload.config.routes.admin
  if (!mayExport(roles, role)) {
    const settings = `${admin}/collections/${REPORT_SETTINGS}/${settingsId ?? 'create'}`
    return (
      <p className="dashboards-home__note" data-testid="reports-export-refused">
        Only {whoMayExport(roles)} may download these reports. A tenant admin changes that in <a href={settings}>Shop › Report settings</a>.
      </p>
    )
  }
  const period: Record<string, string> = summary.period.name === 'custom' ? { period: 'custom', from: summary.period.from, to: summary.period.to } : { period: summary.period.name }
  const href = (format: string) => `${req.payload.config.routes.api}/dashboards/report?${new URLSearchParams({ format, ...period, tenant: tenantId })}`
  return (
    <p className="dashboards-reports__export">
      <a className="btn btn--style-primary btn--size-small" download href={href('csv')}>
        Download CSV
      </a>{' '}
      <a className="btn btn--style-secondary btn--size-small" download href={href('xlsx')}>
        Download XLSX
      </a>{' '}
      <span className="dashboards-home__meta">Every download is written to the audit log.</span>
    </p>
  )
}

/**
 * The admin's Reports view (`/admin/reports`): the home's figures (the same loadSummary, the
 * same sections for the caller's role) as one table per metric — figures against the previous
 * period, each series per day, the breakdowns, the product lists — with the home's period
 * picker, and the CSV/XLSX downloads when the shop's report settings let the caller's role
 * export. Custom admin views are public in Payload, so it asks the host for the signed-in user.
 */
export async function ReportsView({ importMap, initPageResult, params, searchParams }: AdminViewServerProps) {
  const { cookies, req } = initPageResult
  const options = hostOf(req)
  const requireAdminUser = getFromImportMap<RequireAdminUser>({ importMap, PayloadComponent: options.admin.requireAdminUser!, schemaPath: 'dashboards.admin.requireAdminUser' })
  requireAdminUser({ initPageResult, params, searchParams }, `${REPORTS_PATH}${queryOf(searchParams)}`)
  const admin = req.payload.config.routes.admin
  const target = await options.admin.viewTarget(req, searchParams, cookies)
  let body
  if (target.kind === 'overview') body = <p className="dashboards-home__empty">Choose a shop in the tenant selector (or add ?tenant=&lt;id&gt;) to see its reports.</p>
  else if (target.kind === 'none') body = <p className="dashboards-home__empty">{target.message}</p>
  else {
    const { summary, error } = await summaryForView(options, req, target.tenantId, searchParams)
    const keep = typeof searchParams?.tenant === 'string' ? { tenant: searchParams.tenant } : undefined
    body = (
      <section aria-label="Reports" className="dashboards-home">
        <header className="dashboards-home__header">
          <h2>Reports</h2>
          <p className="dashboards-home__meta">
            {summary.period.from} – {summary.period.to} · compared with {summary.previous.from} – {summary.previous.to} · {summary.timezone} · {summary.currency}
          </p>
        </header>
        <PeriodPicker base={`${admin}${REPORTS_PATH}`} keep={keep} period={summary.period} />
        {error && <p className="dashboards-home__error">{error}</p>}
        {summary.rolledUp.days < summary.rolledUp.of && <p className="dashboards-home__note">Some days of this period are still being counted; the figures fill in within minutes.</p>}
        <ExportLinks options={options} req={req} summary={summary} tenantId={target.tenantId} />
        <ReportTables money={(minor) => options.admin.formatMoney(minor, summary.currency)} tables={reportTables(summary)} titles={SECTION_TITLES} />
      </section>
    )
  }
  const shell: ReportsShellProps = { initPageResult, params, searchParams, viewType: 'reports', label: 'Reports', className: 'dashboards-reports', children: body }
  return RenderServerComponent({ Component: options.admin.viewShell!, importMap, serverProps: shell })
}
