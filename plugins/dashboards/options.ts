import type { PayloadRequest } from 'payload'

import type { DashboardsHost } from './host'
import { DEFAULT_SECTION_ROLES, type DashboardRole, type Section } from './permissions'

/** The plugin's own settings (all optional, documented defaults). */
export type DashboardsSettings = {
  /** @default true — false leaves the config untouched. */
  enabled?: boolean
  /** Which roles see which section. @default DEFAULT_SECTION_ROLES */
  sectionRoles?: Partial<Record<Section, readonly DashboardRole[]>>
  /**
   * Days back the rollup job always recomputes (besides the days whose rows changed since its
   * last run): "conversations that became orders" looks `conversionDays` ahead, so a day's figure
   * settles only after that. @default conversionDays + 1
   */
  recentDays?: number
  /** A conversation "became an order" when its customer ordered within this many days of it opening. @default 7 */
  conversionDays?: number
  /** A product is low on stock at or under this many units. @default 5 */
  lowStockAt?: number
  /** When the rollup fan-out runs. @default DASHBOARDS_ROLLUP_CRON ?? every 10 minutes */
  cron?: string
  /** The admin's route, for tiles' links. @default '/admin' */
  adminRoute?: string
}

export type DashboardsPluginOptions = DashboardsSettings & DashboardsHost

export type ResolvedDashboardsOptions = Required<Omit<DashboardsSettings, 'sectionRoles'>> & { sectionRoles: Record<Section, readonly DashboardRole[]> } & DashboardsHost

export function resolveOptions(options: DashboardsPluginOptions): ResolvedDashboardsOptions {
  const conversionDays = options.conversionDays ?? 7
  return {
    ...options,
    enabled: options.enabled ?? true,
    sectionRoles: { ...DEFAULT_SECTION_ROLES, ...options.sectionRoles },
    conversionDays,
    recentDays: Math.max(2, options.recentDays ?? conversionDays + 1),
    lowStockAt: options.lowStockAt ?? 5,
    cron: options.cron ?? process.env.DASHBOARDS_ROLLUP_CRON ?? '*/10 * * * *',
    adminRoute: options.adminRoute ?? '/admin',
  }
}

export const DASHBOARDS_OPTIONS_KEY = 'dashboards'

/** The options of the running config (kept in `config.custom`, server-side only). */
export function hostOf(req: Pick<PayloadRequest, 'payload'>): ResolvedDashboardsOptions {
  const options = req.payload.config.custom?.[DASHBOARDS_OPTIONS_KEY] as ResolvedDashboardsOptions | undefined
  if (!options) throw new Error('plugins/dashboards: dashboardsPlugin(options) is not in this config.')
  return options
}
