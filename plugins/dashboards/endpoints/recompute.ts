import type { Endpoint } from 'payload'

import { refuseIfAny, type ParamError } from '../errors'
import { hostOf } from '../options'
import { MAX_PERIOD_DAYS, queryString } from '../period'
import { dayMs, daysBetween, todayIn } from '../rollup/days'
import { recomputeRange } from '../rollup/run'
import { dashboardTenant } from './tenant'

/**
 * POST /api/dashboards/recompute?from=YYYY-MM-DD&to=YYYY-MM-DD[&tenant=<id>] — the shop's
 * rollup recomputed from its raw rows for those days (at most 366, not in the future), for its
 * tenant-admins and the super-admin: after an import, a bulk fix, a deleted order (deletes leave
 * no trace for the incremental job). Answers how many days were rewritten.
 */
export const recomputeEndpoint: Endpoint = {
  path: '/dashboards/recompute',
  method: 'post',
  handler: async (req) => {
    const options = hostOf(req)
    const { tenantId, work } = await dashboardTenant(options, req, ['tenant-admin'], 'recompute the dashboard')
    return options.tenancy.runWithTenant(work, async () => {
      const { timezone } = await options.tenancy.tenantFacts(req, tenantId)
      const errors: ParamError[] = []
      const from = queryString(req.query, 'from', errors)
      const to = queryString(req.query, 'to', errors)
      if (dayMs(from) === null) errors.push({ path: 'from', message: 'A date: YYYY-MM-DD.' })
      if (dayMs(to) === null) errors.push({ path: 'to', message: 'A date: YYYY-MM-DD.' })
      if (errors.length === 0) {
        if (from > to) errors.push({ path: 'from', message: '`from` is after `to`.' })
        else if (daysBetween(from, to) > MAX_PERIOD_DAYS) errors.push({ path: 'to', message: `At most ${MAX_PERIOD_DAYS} days from \`from\`.` })
        else if (to > todayIn(timezone)) errors.push({ path: 'to', message: 'Not after today.' })
      }
      refuseIfAny(errors)
      return Response.json({ tenant: tenantId, from, to, ...(await recomputeRange(options, req, tenantId, from, to)) })
    })
  },
}
