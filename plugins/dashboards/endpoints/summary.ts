import type { Endpoint } from 'payload'

import { refuseIfAny, type ParamError } from '../errors'
import { hostOf } from '../options'
import { queryPeriods } from '../period'
import { DASHBOARD_ROLES, sectionsFor, type Section } from '../permissions'
import { addDays } from '../rollup/days'
import { lowStock, productNames, readFigures, type Read } from '../summary/read'
import { buildSection, topProductIds, type ProductsExtra, type SectionBody } from '../summary/sections'
import { dashboardTenant } from './tenant'

/** The chart points of a series: one per day of the period, zeros included. */
function pointsOf(read: Read, from: string, days: number, metric: string) {
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(from, i)
    return { day, value: read.current.daily.get(day)?.get(metric) ?? 0 }
  })
}

/**
 * GET /api/dashboards/summary?period=today|7d|30d|month|custom[&from&to][&tenant=<id>] — the
 * shop's KPIs for the period against the previous one, read from the daily rollup only (so it
 * costs O(days), whatever the number of orders): the sections the caller's role sees
 * (permissions.ts), each with tiles (linking to the filtered list), breakdowns and per-day
 * series. Any staff role of the shop may call it; a section it may not see is left out.
 */
export const summaryEndpoint: Endpoint = {
  path: '/dashboards/summary',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const { tenantId, work } = await dashboardTenant(options, req, DASHBOARD_ROLES, 'see the dashboard')
    return options.tenancy.runWithTenant(work, async () => {
      const facts = await options.tenancy.tenantFacts(req, tenantId)
      const errors: ParamError[] = []
      const periods = queryPeriods(req, facts.timezone, errors)
      refuseIfAny(errors)
      const sections = sectionsFor(options.sectionRoles, await options.tenancy.roleIn(req, tenantId))
      const read = await readFigures(options, req, tenantId, periods, facts.timezone)
      const extra: ProductsExtra = { top: [], lowStock: { count: 0, rows: [], at: options.lowStockAt } }
      if (sections.includes('products')) {
        const top = topProductIds(read, 5)
        const names = await productNames(
          options,
          req,
          tenantId,
          top.map((t) => t.id),
        )
        extra.top = top.map((t) => ({ ...t, name: names.get(t.id) ?? 'Deleted product' }))
        extra.lowStock = { ...(await lowStock(options, req, tenantId)), at: options.lowStockAt }
      }
      const links = { admin: options.adminRoute, ...read.bounds }
      const body: Partial<Record<Section, SectionBody & { series: { points: { day: string; value: number }[] }[] }>> = {}
      for (const section of sections) {
        const built = buildSection(section, read, links, extra)
        body[section] = { ...built, series: built.series.map((s) => ({ ...s, points: pointsOf(read, periods.from, periods.days, s.metric) })) }
      }
      return Response.json(
        {
          tenant: tenantId,
          currency: facts.currency,
          timezone: facts.timezone,
          period: { name: periods.name, from: periods.from, to: periods.to, days: periods.days },
          previous: periods.previous,
          rolledUp: { days: read.current.rolledUp, of: periods.days },
          sections: body,
          ...(sections.includes('products') ? { products: extra } : {}),
        },
        { headers: { 'cache-control': 'no-store' } },
      )
    })
  },
}
