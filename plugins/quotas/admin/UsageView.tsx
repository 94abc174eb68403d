import { Link } from '@payloadcms/ui'
import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'
import type { AdminViewServerProps } from 'payload'
import { formatAdminURL, getFromImportMap } from 'payload/shared'
import { type ReactNode } from 'react'

import { COUNT_LIMITS, LIMITS, PERIODIC_LIMITS, quotaOptions, type LimitName, type RequireAdminUser, type TenantChoice, type TenantChoicesProps, type ViewShellProps } from '../options'
import type { DailyPoint } from '../usage'
import { limitLabel, metricLabel, periodLabel, shortPeriodLabel } from './labels'
import { LimitList } from './LimitBars'
import { OverviewTable } from './OverviewTable'
import { DailyHistoryChart, MonthlyTrendChart } from './UsageCharts'
import { loadUsagePage, type UsagePage } from './load-usage'
import './usage-view.scss'

const DEFAULT_MIN_PERCENT = 80

type SearchParams = AdminViewServerProps['searchParams']

/** The host's shop switcher, drawn for `choices` with `current` marked. */
type Choices = (choices: TenantChoice[], current?: string) => ReactNode

const queryString = (searchParams: SearchParams) => {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(searchParams ?? {})) for (const v of [value].flat()) if (typeof v === 'string') query.append(key, v)
  return query.size > 0 ? `?${query}` : ''
}

function Legend() {
  return (
    <ul aria-label="Colours" className="usage-view__legend">
      <li className="usage-level--ok">below 80 %</li>
      <li className="usage-level--warning">80 % or more</li>
      <li className="usage-level--over">limit reached</li>
    </ul>
  )
}

/** The limit whose daily values change the most (most distinct values): the one worth showing first. */
const mostVaried = (limits: LimitName[], history: DailyPoint[]): LimitName | undefined => [...limits].sort((a, b) => distinct(b, history) - distinct(a, history))[0]
const distinct = (limit: LimitName, history: DailyPoint[]) => new Set(history.map((point) => point.usage[limit] ?? 0)).size

function TenantDashboard({ data, language, tenantChoices }: { data: Extract<UsagePage, { kind: 'tenant' }>; language: string; tenantChoices: Choices }) {
  const { choices, guessed, history, plans, trend, usage } = data
  if (!usage) return <p className="usage-view__empty">There is no such tenant.</p>
  const byKind = (kinds: readonly LimitName[]) => usage.limits.filter((l) => kinds.includes(l.limit))
  const planName = usage.plan ? (plans.get(usage.plan) ?? usage.plan) : 'No plan (nothing is limited)'
  const snapshotLimits = LIMITS.filter((limit) => history.some((point) => typeof point.usage[limit] === 'number'))
  return (
    <>
      {tenantChoices(choices, usage.tenant.id)}
      {guessed && (
        <p className="usage-view__note" role="note">
          You work for several shops and none is selected, so this is {usage.tenant.name}. Pick another above or in the tenant selector.
        </p>
      )}
      <dl className="usage-view__meta">
        <div>
          <dt>Shop</dt>
          <dd data-testid="usage-tenant">{usage.tenant.name}</dd>
        </div>
        <div>
          <dt>Plan</dt>
          <dd data-testid="usage-plan">{planName}</dd>
        </div>
        <div>
          <dt>Period</dt>
          <dd data-testid="usage-period">{periodLabel(usage.period, language)}</dd>
        </div>
      </dl>
      <Legend />
      <LimitList language={language} limits={byKind(COUNT_LIMITS)} title="In use now" />
      <LimitList
        hint={`Counted from the 1st of the month in the shop’s timezone; starts again on the 1st.`}
        language={language}
        limits={byKind(PERIODIC_LIMITS)}
        title={`This month (${periodLabel(usage.period, language)})`}
      />
      <section className="usage-view__section">
        <h2 className="usage-view__section-title">Trend</h2>
        <MonthlyTrendChart
          labels={trend.periods.map((period) => shortPeriodLabel(period, language))}
          series={PERIODIC_LIMITS.map((metric) => ({ key: metric, label: metricLabel(metric), values: trend.series[metric] }))}
          title={`Monthly usage, last ${trend.periods.length} months (${periodLabel(usage.period, language)} so far)`}
        />
        <DailyHistoryChart
          days={history.map((point) => point.day)}
          initial={mostVaried(snapshotLimits, history)}
          series={snapshotLimits.map((limit) => ({ key: limit, label: limitLabel(limit), values: history.map((point) => point.usage[limit] ?? 0) }))}
          title={`Daily snapshots, last ${history.length || 30} days`}
        />
      </section>
    </>
  )
}

function PlatformOverview({ adminRoute, data, language }: { adminRoute: string; data: Extract<UsagePage, { kind: 'overview' }>; language: string }) {
  const { minPercent, plans, tenants } = data
  return (
    <section className="usage-view__section">
      <h2 className="usage-view__section-title">Tenants near or over their limits</h2>
      <Legend />
      <OverviewTable adminRoute={adminRoute} language={language} minPercent={minPercent} planNames={plans} tenants={tenants} />
    </section>
  )
}

/**
 * The admin's Usage view (`/admin/usage`): for tenant staff, the selected tenant's limits as
 * progress bars and its monthly trend; for the super-admin, the tenants near or over a limit
 * (`?min=`, default 80 %) and any one tenant's dashboard with `?tenant=<id>`. Custom admin views
 * are public in Payload, so this one checks the user itself.
 */
export async function UsageView({ importMap, initPageResult, params, searchParams }: AdminViewServerProps) {
  const { cookies, req } = initPageResult
  const { access, admin } = quotaOptions(req.payload)
  const requireAdminUser = getFromImportMap<RequireAdminUser>({ importMap, PayloadComponent: admin.requireAdminUser, schemaPath: 'quotas.admin.requireAdminUser' })
  const user = requireAdminUser({ initPageResult, params, searchParams }, `/usage${queryString(searchParams)}`)
  const adminRoute = req.payload.config.routes.admin

  const language = req.i18n?.language ?? 'en'
  const askedMin = Number(typeof searchParams?.min === 'string' ? searchParams.min : DEFAULT_MIN_PERCENT)
  const minPercent = Number.isFinite(askedMin) && askedMin >= 0 ? askedMin : DEFAULT_MIN_PERCENT
  const data = await loadUsagePage(req, searchParams, cookies, minPercent)
  const allTenants = formatAdminURL({ adminRoute, path: '/usage' })
  const tenantChoices: Choices = (choices, current) =>
    RenderServerComponent({
      Component: admin.tenantChoices,
      importMap,
      serverProps: { adminRoute, choices, className: 'usage-view__choices', current, path: '/usage' } satisfies TenantChoicesProps,
    })

  const body = (
    <>
      <header className="usage-view__header">
        <h1>Usage</h1>
        {data.kind === 'tenant' && access.isSuperAdmin(user) && (
          <Link href={allTenants} prefetch={false}>
            ← All tenants
          </Link>
        )}
      </header>
      {data.kind === 'overview' && <PlatformOverview adminRoute={adminRoute} data={data} language={language} />}
      {data.kind === 'tenant' && <TenantDashboard data={data} language={language} tenantChoices={tenantChoices} />}
      {data.kind === 'none' && (
        <>
          {tenantChoices(data.choices)}
          <p className="usage-view__empty" role="alert">
            {data.message}
          </p>
        </>
      )}
    </>
  )
  const shell: ViewShellProps = { initPageResult, params, searchParams, viewType: 'usage', label: 'Usage', className: 'usage-view', children: body }
  return RenderServerComponent({ Component: admin.viewShell, importMap, serverProps: shell })
}
