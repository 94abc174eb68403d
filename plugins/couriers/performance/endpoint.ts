import type { Endpoint } from 'payload'

import { hostOf } from '../options'
import { queryChoice, queryPeriod, queryUuid, refuseIfAny, type ParamError } from '../reconcile/params'
import { userWork } from '../reconcile/tenant'
import { metricsOf, providerTotals } from './metrics'
import { GROUP_BY, performanceCounts } from './query'

/**
 * GET /api/couriers/performance?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=district|zone|none[&account=<id>][&tenant=<id>]
 * — how each courier does for the shop (integrations.md §8.2), for staff who may update
 * shipments (tenant-admins, sales operators): per account × area × COD/prepaid, booked and
 * delivered parcels, first-attempt / return / cancel / partial rates (shares of booked, 0..1),
 * average pickup → delivery hours, average delivery fee, COD expected and collected, and the
 * average remittance lag in days; `totals` per provider. The period is on the shipments'
 * creation date, whole days in the shop's time zone (default the last 30 days, at most 366).
 */
export const performanceEndpoint: Endpoint = {
  path: '/performance',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const tenantId = await options.tenancy.endpointTenant(req, {
      roles: options.access.rolesAllowed('shipments', 'update'),
      signIn: 'Sign in first.',
      choose: 'Name the shop: ?tenant=<id>.',
      forbidden: 'Your role may not see courier performance in this shop.',
    })
    return options.tenancy.runWithTenant(userWork(req, tenantId), async () => {
      const facts = await options.tenancy.tenantFacts(req, tenantId)
      const errors: ParamError[] = []
      const period = queryPeriod(req, facts.timezone, errors)
      const groupBy = queryChoice(req, 'groupBy', GROUP_BY, 'district', errors)
      const accountId = queryUuid(req, 'account', errors)
      refuseIfAny(errors)
      const counts = await performanceCounts(req, { tenantId, accountId, period, timeZone: facts.timezone, groupBy })
      const rows = counts.map(({ provider, account, accountLabel, area, payment, ...c }) => ({ provider, account, accountLabel, area, payment, ...metricsOf(c) }))
      return Response.json({ currency: facts.currency, period, groupBy, rows, totals: providerTotals(counts) }, { headers: { 'cache-control': 'no-store' } })
    })
  },
}
