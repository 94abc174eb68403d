import type { PayloadRequest } from 'payload'

import { refuseIfAny, type ParamError } from '../errors'
import type { ResolvedDashboardsOptions } from '../options'
import { queryPeriods, type Query } from '../period'
import { sectionsFor, type Section } from '../permissions'
import { addDays } from '../rollup/days'
import { lowStock, productNames, readFigures, type Read } from './read'
import { buildSection, topProductIds, type ProductsExtra, type SectionBody } from './sections'

export type Point = { day: string; value: number }
export type SummarySection = Omit<SectionBody, 'series'> & { series: (SectionBody['series'][number] & { points: Point[] })[] }
export type Summary = {
  tenant: string
  currency: string
  timezone: string
  period: { name: string; from: string; to: string; days: number }
  previous: { from: string; to: string }
  rolledUp: { days: number; of: number }
  sections: Partial<Record<Section, SummarySection>>
  products?: ProductsExtra
}

/** The chart points of a series: one per day of the period, zeros included. */
const pointsOf = (read: Read, from: string, days: number, metric: string): Point[] =>
  Array.from({ length: days }, (_, i) => {
    const day = addDays(from, i)
    return { day, value: read.current.daily.get(day)?.get(metric) ?? 0 }
  })

/**
 * The shop's figures for the period in `query` against the previous one, for the sections the
 * caller's role sees — read from the rollup only (O(days)). Run it in the tenant's context; a
 * bad period throws the 400. Shared by the summary endpoint and the admin's home.
 */
export async function loadSummary(options: ResolvedDashboardsOptions, req: PayloadRequest, tenantId: string, query: Query): Promise<Summary> {
  const facts = await options.tenancy.tenantFacts(req, tenantId)
  const errors: ParamError[] = []
  const periods = queryPeriods(query, facts.timezone, errors)
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
  const body: Summary['sections'] = {}
  for (const section of sections) {
    const built = buildSection(section, read, links, extra)
    body[section] = { ...built, series: built.series.map((s) => ({ ...s, points: pointsOf(read, periods.from, periods.days, s.metric) })) }
  }
  return {
    tenant: tenantId,
    currency: facts.currency,
    timezone: facts.timezone,
    period: { name: periods.name, from: periods.from, to: periods.to, days: periods.days },
    previous: periods.previous,
    rolledUp: { days: read.current.rolledUp, of: periods.days },
    sections: body,
    ...(sections.includes('products') ? { products: extra } : {}),
  }
}
