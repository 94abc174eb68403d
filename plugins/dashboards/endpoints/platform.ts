import { sql } from '@payloadcms/db-postgres'
import type { Endpoint } from 'payload'

import { fail, refuseIfAny, type ParamError } from '../errors'
import { hostOf } from '../options'
import { queryPeriods } from '../period'

/** The time zone furthest ahead: its today is on or after every shop's today. */
const AHEAD_OF_ALL = 'Pacific/Kiritimati'

/**
 * GET /api/dashboards/platform?period=… — the super-admin's view across tenants: tenants by
 * status and plan, and every rolled-up metric summed over all shops for the period and the
 * previous one (with how many shops contributed). Aggregates only, from two SECURITY DEFINER
 * functions (migrations/*_dashboards_sql.ts): no tenant's rows are read one by one, and the
 * request's own bypass stays off. Each shop's days are its own calendar days, so the period is
 * counted in the time zone furthest ahead (UTC+14): "today" includes every shop's today.
 */

export const platformEndpoint: Endpoint = {
  path: '/dashboards/platform',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    if (!req.user) throw fail('unauthorized', 'Sign in first.', 401)
    if (!options.access.isSuperAdmin(req.user)) throw fail('forbidden', 'Only the platform’s super-admin sees the platform view.', 403)
    const errors: ParamError[] = []
    const periods = queryPeriods(req, AHEAD_OF_ALL, errors)
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
    return Response.json(
      {
        period: { name: periods.name, from: periods.from, to: periods.to, days: periods.days },
        previous: periods.previous,
        tenants,
        totals: await totals(periods.from, periods.to),
        previousTotals: await totals(periods.previous.from, periods.previous.to),
      },
      { headers: { 'cache-control': 'no-store' } },
    )
  },
}
