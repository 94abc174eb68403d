import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { refuseIfAny, type ParamError } from '../errors'
import type { ResolvedDashboardsOptions } from '../options'
import { queryPeriods, type Query } from '../period'

/** The time zone furthest ahead: its today is on or after every shop's today. */
const AHEAD_OF_ALL = 'Pacific/Kiritimati'

/** A metric summed over the shops; `currency` is set for money metrics (each currency summed on its own), '' otherwise. */
export type PlatformTotal = { metric: string; dimension: string; currency: string; value: number; tenants: number }
/** A shop in a platform list: its figures, and where its own home and usage are in the admin. */
export type ShopLine<T> = { tenant: { id: string; name: string; status: string }; home: string; usage: string } & T
export type Busy = ShopLine<{ orders: number; messages: number }>
export type Failing = ShopLine<{ webhookFailures: number; jobFailures: number; limitsReached: number; rateLimited: number }>
export type Platform = {
  period: { name: string; from: string; to: string; days: number }
  previous: { from: string; to: string }
  tenants: { status: string; plan: string; tenants: number }[]
  totals: PlatformTotal[]
  previousTotals: PlatformTotal[]
  /** The last WEEKS ISO weeks (UTC), oldest first: shops signed up, trials converted to active. */
  weeks: { week: string; signups: number; conversions: number }[]
  /** Monthly recurring revenue per currency (minor units), null when billing is not installed. */
  mrr: { currency: string; mrr: number; subscriptions: number }[] | null
  busiest: Busy[]
  failing: Failing[]
  links: { usage: string; billing: string | null }
}

/** Weeks of signups and conversions shown, and shops per list. */
export const WEEKS = 12
export const LISTED = 10

/**
 * The super-admin's figures across tenants: tenants by status and plan, and every rolled-up
 * metric summed over all shops for the period and the previous one (with how many shops
 * contributed). Aggregates only, from two SECURITY DEFINER functions (migrations/*_dashboards_sql.ts):
 * no tenant's rows are read one by one, and the request's own bypass stays off. Each shop's days
 * are its own calendar days, so the period is counted in the zone furthest ahead.
 */
export async function loadPlatform(options: ResolvedDashboardsOptions, req: PayloadRequest, query: Query): Promise<Platform> {
  const errors: ParamError[] = []
  const periods = queryPeriods(query, AHEAD_OF_ALL, errors)
  refuseIfAny(errors)
  const totals = async (from: string, to: string) =>
    (await options.db.runSql(req, sql`select metric, dimension, currency, value::float8 as value, tenants::int as tenants from dashboards_platform_totals(${from}::date, ${to}::date) order by 1, 2, 3`)).map(
      (r) => ({
        metric: String(r.metric),
        dimension: String(r.dimension),
        currency: typeof r.currency === 'string' ? r.currency : '',
        value: Number(r.value),
        tenants: Number(r.tenants),
      }),
    )
  const tenants = (await options.db.runSql(req, sql`select status, plan, tenants::int as tenants from dashboards_platform_tenants() order by 1, 2`)).map((r) => ({
    status: String(r.status),
    plan: String(r.plan),
    tenants: Number(r.tenants),
  }))
  return {
    period: { name: periods.name, from: periods.from, to: periods.to, days: periods.days },
    previous: periods.previous,
    tenants,
    totals: await totals(periods.from, periods.to),
    previousTotals: await totals(periods.previous.from, periods.previous.to),
    ...(await loadShops(options, req, periods.from, periods.to)),
  }
}

const num = (v: unknown) => Number(v ?? 0)

/**
 * The rest of the platform view (migrations/*_dashboards_platform_sql.ts): signups and trial
 * conversions per week, MRR per currency, the busiest shops (orders + messages in the period,
 * from the rollup) and the failing ones (webhook events and jobs that failed, limits reached,
 * rate-limit refusals in the period), each line linking to that shop's own home.
 */
async function loadShops(options: ResolvedDashboardsOptions, req: PayloadRequest, from: string, to: string) {
  const admin = options.adminRoute
  const line = (r: Record<string, unknown>) => {
    const id = String(r.tenant_id)
    return { tenant: { id, name: String(r.name), status: String(r.status) }, home: `${admin}?tenant=${id}`, usage: `${admin}/usage?tenant=${id}` }
  }
  // The period's days as instants: from the start of `from` to the end of `to` in the zone furthest ahead.
  const since = `${from}T00:00:00+14:00`
  const until = new Date(Date.parse(`${to}T00:00:00+14:00`) + 86_400_000).toISOString()
  // One after another: the request's transaction is one connection.
  const weeks = await options.db.runSql(req, sql`select week::text as week, signups::int as signups, conversions::int as conversions from dashboards_platform_weeks(${WEEKS}::int)`)
  const mrr = options.sources.billing ? await options.db.runSql(req, sql`select currency, mrr::float8 as mrr, subscriptions::int as subscriptions from dashboards_platform_mrr()`) : null
  const busiest = await options.db.runSql(req, sql`select * from dashboards_platform_busiest(${from}::date, ${to}::date, ${LISTED}::int)`)
  const failing = await options.db.runSql(req, sql`select * from dashboards_platform_failing(${since}::timestamptz, ${until}::timestamptz, ${LISTED}::int)`)
  return {
    weeks: weeks.map((r) => ({ week: String(r.week), signups: num(r.signups), conversions: num(r.conversions) })),
    mrr: mrr && mrr.map((r) => ({ currency: String(r.currency), mrr: num(r.mrr), subscriptions: num(r.subscriptions) })),
    busiest: busiest.map((r) => ({ ...line(r), orders: num(r.orders), messages: num(r.messages) })),
    failing: failing.map((r) => ({ ...line(r), webhookFailures: num(r.webhook_failures), jobFailures: num(r.job_failures), limitsReached: num(r.limits_reached), rateLimited: num(r.rate_limited) })),
    links: { usage: `${admin}/usage`, billing: options.sources.billing ? `${admin}/billing` : null },
  }
}
