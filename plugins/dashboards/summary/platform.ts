import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { refuseIfAny, type ParamError } from '../errors'
import type { ResolvedDashboardsOptions } from '../options'
import { queryPeriods, type Query } from '../period'

/** The time zone furthest ahead: its today is on or after every shop's today. */
const AHEAD_OF_ALL = 'Pacific/Kiritimati'

export type PlatformTotal = { metric: string; dimension: string; value: number; tenants: number }
export type Platform = {
  period: { name: string; from: string; to: string; days: number }
  previous: { from: string; to: string }
  tenants: { status: string; plan: string; tenants: number }[]
  totals: PlatformTotal[]
  previousTotals: PlatformTotal[]
}

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
    (await options.db.runSql(req, sql`select metric, dimension, value::float8 as value, tenants::int as tenants from dashboards_platform_totals(${from}::date, ${to}::date) order by 1, 2`)).map((r) => ({
      metric: String(r.metric),
      dimension: String(r.dimension),
      value: Number(r.value),
      tenants: Number(r.tenants),
    }))
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
  }
}
