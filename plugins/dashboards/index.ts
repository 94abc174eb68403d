import type { Config } from 'payload'

import { platformEndpoint } from './endpoints/platform'
import { recomputeEndpoint } from './endpoints/recompute'
import { summaryEndpoint } from './endpoints/summary'
import { rollupTasks } from './jobs/rollup'
import { DASHBOARDS_OPTIONS_KEY, resolveOptions, type DashboardsPluginOptions } from './options'

export type { DashboardsPluginOptions, DashboardsSettings } from './options'
export type { DashboardsHost, EndpointTenantOptions, TenantWork } from './host'
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
 * Each shop's KPIs (plugins/dashboards/README.md): a daily rollup per tenant
 * (`tenant_daily_metrics`, written by the `dashboardsRollup` tenant job every few minutes and
 * recomputable for a day range), the summary endpoint the shop's home reads (O(days), never the
 * raw rows), the recompute endpoint, and the super-admin's aggregate view. The host passes its
 * pieces in the options (host.ts).
 */
export const dashboardsPlugin =
  (pluginOptions: DashboardsPluginOptions) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    if (!options.enabled) return config
    return options.jobs.withTasks(
      {
        ...config,
        admin: options.admin.replaceDashboard === false ? config.admin : withDashboardView(config.admin),
        endpoints: [...(config.endpoints ?? []), summaryEndpoint, recomputeEndpoint, platformEndpoint],
        custom: { ...config.custom, [DASHBOARDS_OPTIONS_KEY]: options },
      },
      rollupTasks(options),
    )
  }
