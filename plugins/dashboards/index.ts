import type { Config } from 'payload'

import { platformEndpoint } from './endpoints/platform'
import { recomputeEndpoint } from './endpoints/recompute'
import { reportEndpoint } from './endpoints/report'
import { summaryEndpoint } from './endpoints/summary'
import { rollupTasks } from './jobs/rollup'
import { DASHBOARDS_OPTIONS_KEY, resolveOptions, type DashboardsPluginOptions, type ResolvedDashboardsOptions } from './options'
import { reportSettingsCollection } from './reports/settings'

export type { DashboardsPluginOptions, DashboardsSettings } from './options'
export type { DashboardsHost, EndpointTenantOptions, ExportAuditEntry, ReportsShellProps, RequireAdminUser, TenantWork } from './host'
export { DASHBOARDS_PERMISSIONS, DEFAULT_EXPORT_ROLES, REPORT_SETTINGS, type DashboardsCollection } from './reports/settings'
export { REPORT_COLUMNS, REPORT_FORMATS, type ReportFormat } from './reports/files'
export { DASHBOARD_ROLES, DEFAULT_SECTION_ROLES, SECTIONS, sectionsFor, type DashboardRole, type Section } from './permissions'
export { METRICS, metricRows, roundedSeconds, type DayRange, type Metric } from './rollup/compute'
export { medianResponse } from './summary/sections'
export { RECOMPUTE_TASK, ROLLUP_TASK, QUEUE_ROLLUPS_TASK } from './jobs/rollup'
export { recomputeDashboards, type RollupResult } from './rollup/run'
export { PERIODS, type PeriodName } from './period'

/** The admin's dashboard view replaced by the shop's home (admin/DashboardView.tsx). */
const withDashboardView = (admin: Config['admin']): Config['admin'] => ({
  ...admin,
  components: { ...admin?.components, views: { ...admin?.components?.views, dashboard: { Component: '/plugins/dashboards/admin/DashboardView#DashboardView' } } },
})

/**
 * The Reports view (`/admin/reports`, admin/ReportsView.tsx) and its nav link, when the host
 * gives its view shell; the host's pieces in `admin.dependencies`, so `generate:importmap` lists them.
 */
function withReportsView(admin: Config['admin'], { viewShell, requireAdminUser, navLink }: ResolvedDashboardsOptions['admin']): Config['admin'] {
  if (!viewShell || !requireAdminUser) return admin
  return {
    ...admin,
    dependencies: {
      ...admin?.dependencies,
      'dashboards.viewShell': { type: 'component', path: viewShell },
      'dashboards.requireAdminUser': { type: 'function', path: requireAdminUser },
    },
    components: {
      ...admin?.components,
      afterNavLinks: [...(admin?.components?.afterNavLinks ?? []), ...(navLink ? [{ path: navLink, clientProps: { path: '/reports', label: 'Reports', id: 'nav-reports' } }] : [])],
      views: { ...admin?.components?.views, dashboardsReports: { Component: '/plugins/dashboards/admin/ReportsView#ReportsView', path: '/reports' } },
    },
  }
}

/**
 * Each shop's KPIs (plugins/dashboards/README.md): a daily rollup per tenant
 * (`tenant_daily_metrics`, written by the `dashboardsRollup` tenant job every few minutes and
 * recomputable for a day range), the summary endpoint the shop's home reads (O(days), never the
 * raw rows), the recompute endpoint, the super-admin's aggregate view, and the Reports (a view,
 * the CSV/XLSX endpoint; the per-shop `report-settings` of who may export come with
 * `dashboardsCollectionsPlugin`). The host passes its pieces in the options (host.ts).
 */
export const dashboardsPlugin =
  (pluginOptions: DashboardsPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    return options.jobs.withTasks(
      {
        ...config,
        admin: withReportsView(options.admin.replaceDashboard === false ? config.admin : withDashboardView(config.admin), options.admin),
        endpoints: [...(config.endpoints ?? []), summaryEndpoint, recomputeEndpoint, platformEndpoint, reportEndpoint],
        custom: { ...config.custom, [DASHBOARDS_OPTIONS_KEY]: options },
      },
      rollupTasks(options),
    )
  }

/**
 * The plugin's tenant-owned collection, `report-settings` (who may export the Reports): a plugin
 * of its own, registered with the same host pieces *before* the multi-tenant plugin, which gives
 * it the tenant field — `dashboardsPlugin` itself stays where its jobs are registered.
 */
export const dashboardsCollectionsPlugin =
  (pluginOptions: DashboardsPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    return { ...config, collections: [...(config.collections ?? []), reportSettingsCollection(options)] }
  }
