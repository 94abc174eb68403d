import type { Section } from '../permissions'
import type { Summary, SummarySection } from '../summary/load'
import type { Format } from '../summary/sections'

export const SECTION_TITLES: Record<Section, string> = { sales: 'Sales', conversations: 'Conversations', delivery: 'Delivery', leads: 'Leads', products: 'Products' }
/** The rollup's metrics whose values are money (minor units). */
export const MONEY_METRICS = new Set(['revenue', 'product_revenue', 'cod_expected', 'cod_collected', 'cod_settled'])
/** Breakdowns whose values are money. */
export const MONEY_BREAKDOWNS = new Set(['revenueBySource'])

/** One row of a report table: raw figures as the summary has them (money in minor units, shares as fractions). */
export type ReportRow = { label: string; format: Format; value: null | number; previous: null | number }
/**
 * One table of the Reports (the view draws it, the CSV and XLSX write it): a section's figures
 * (this period, the previous one), a metric per day, a breakdown, a product list. `compared`:
 * whether its rows have a previous-period value at all (per-day and product rows do not).
 */
export type ReportTable = { section: Section; key: string; title: string; rowHeader: string; compared: boolean; rows: ReportRow[] }

/** A row label carrying its unit where the value is money: "Revenue (BDT)". */
export const withUnit = (label: string, format: Format, currency: string): string =>
  format === 'money' ? `${label} (${currency})` : format === 'percent' ? `${label} (%)` : format === 'seconds' ? `${label} (s)` : label

function sectionTables(key: Section, section: SummarySection, summary: Summary): ReportTable[] {
  const title = SECTION_TITLES[key]
  const tables: ReportTable[] = [
    {
      section: key,
      key: `${key}.figures`,
      title: `${title}: figures`,
      rowHeader: 'Figure',
      compared: true,
      rows: section.tiles.map((t) => ({ label: t.label, format: t.format, value: t.value, previous: t.previous })),
    },
  ]
  for (const s of section.series) {
    const format: Format = MONEY_METRICS.has(s.metric) ? 'money' : 'count'
    tables.push({
      section: key,
      key: `${key}.daily.${s.key}`,
      title: `${s.label} per day`,
      rowHeader: 'Day',
      compared: false,
      rows: s.points.map((p) => ({ label: p.day, format, value: p.value, previous: null })),
    })
  }
  for (const b of section.breakdowns) {
    const format: Format = MONEY_BREAKDOWNS.has(b.key) ? 'money' : 'count'
    tables.push({
      section: key,
      key: `${key}.${b.key}`,
      title: b.label,
      rowHeader: b.label.split(' by ')[1]?.replace(/^./, (c) => c.toUpperCase()) ?? 'Value',
      compared: true,
      rows: b.rows.map((r) => ({ label: r.dimension || '—', format, value: r.value, previous: r.previous })),
    })
  }
  if (key === 'products' && summary.products) {
    const { top, lowStock } = summary.products
    tables.push({
      section: key,
      key: 'products.topRevenue',
      title: 'Top products by revenue',
      rowHeader: 'Product',
      compared: false,
      rows: top.map((p) => ({ label: p.name, format: 'money', value: p.revenue, previous: null })),
    })
    tables.push({
      section: key,
      key: 'products.topUnits',
      title: 'Top products: units sold',
      rowHeader: 'Product',
      compared: false,
      rows: top.map((p) => ({ label: p.name, format: 'count', value: p.units, previous: null })),
    })
    tables.push({
      section: key,
      key: 'products.lowStock',
      title: `Low on stock (≤ ${lowStock.at})`,
      rowHeader: 'Product',
      compared: false,
      rows: lowStock.rows.map((p) => ({ label: p.name, format: 'count', value: p.stock, previous: null })),
    })
  }
  return tables
}

/** The Reports' tables: for each section the caller's role sees (the summary has only those), its figures, per-day series, breakdowns and product lists. */
export const reportTables = (summary: Summary): ReportTable[] => (Object.entries(summary.sections) as [Section, SummarySection][]).flatMap(([key, section]) => sectionTables(key, section, summary))

/** The change against the previous period in % (null when there is nothing to compare, or the previous value is 0). */
export const changePercent = (value: null | number, previous: null | number): null | number =>
  value === null || previous === null || previous === 0 ? null : Math.round(((value - previous) / Math.abs(previous)) * 1000) / 10
