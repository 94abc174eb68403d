import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'

import type { Section } from '../permissions'
import type { Summary } from '../summary/load'
import { changePercent, SECTION_TITLES, withUnit, type ReportRow, type ReportTable } from './tables'

export const REPORT_FORMATS = ['csv', 'xlsx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** The columns of every report row, in the CSV (the XLSX's section sheets leave out `Section`). */
export const REPORT_COLUMNS = ['Section', 'Table', 'Row', 'This period', 'Previous period', 'Change (%)'] as const

/** One line of a report file: money in major units, shares in %, seconds as they are. */
export type ReportRecord = { section: Section; table: string; row: string; value: null | number; previous: null | number; change: null | number }

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

/** A figure as a file writes it: money from minor to major units (`minorDigits`: BDT 2), a share as %, others as they are. */
function fileValue(value: null | number, format: ReportRow['format'], minorDigits: number): null | number {
  if (value === null) return null
  // To the minor unit (an average order may be 15 086.25 paisa), as the admin shows it.
  if (format === 'money') return Math.round(value) / 10 ** minorDigits
  if (format === 'percent') return round(value * 100, 2)
  return round(value, 2)
}

/**
 * The tables as the file's rows. The unit goes where a reader looks for it: on each row of a
 * section's figures ("Revenue (BDT)"), on the title of a table of money ("Revenue per day (BDT)").
 */
export function reportRecords(tables: ReportTable[], currency: string, minorDigits: number): ReportRecord[] {
  return tables.flatMap((t) => {
    const figures = t.key.endsWith('.figures')
    const money = !figures && t.rows.length > 0 && t.rows.every((r) => r.format === 'money')
    const table = money ? withUnit(t.title, 'money', currency) : t.title
    return t.rows.map((r) => ({
      section: t.section,
      table,
      row: figures ? withUnit(r.label, r.format, currency) : r.label,
      value: fileValue(r.value, r.format, minorDigits),
      previous: t.compared ? fileValue(r.previous, r.format, minorDigits) : null,
      change: t.compared ? changePercent(r.value, r.previous) : null,
    }))
  })
}

/** The CSV: a header and one line per record, every cell through the host's injection-safe cell (a product name may start with `=`), a BOM so spreadsheets read it as UTF-8. */
export function reportCsv(records: ReportRecord[], cell: (value: unknown) => string): string {
  const lines = records.map((r) => [SECTION_TITLES[r.section], r.table, r.row, r.value, r.previous, r.change].map(cell))
  return `\ufeff${stringify([[...REPORT_COLUMNS], ...lines])}`
}

/** The XLSX: an "About" sheet (shop, periods, currency, time zone), then a sheet per section with the same columns as the CSV (numbers as numbers). */
export async function reportXlsx(records: ReportRecord[], summary: Summary, shop: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.created = new Date()
  const about = book.addWorksheet('About')
  about.columns = [{ width: 18 }, { width: 40 }]
  about.addRows([
    ['Shop', shop],
    ['Period', `${summary.period.from} – ${summary.period.to}`],
    ['Previous period', `${summary.previous.from} – ${summary.previous.to}`],
    ['Currency', summary.currency],
    ['Time zone', summary.timezone],
    ['Days counted', `${summary.rolledUp.days} of ${summary.rolledUp.of}`],
  ])
  about.getColumn(1).font = { bold: true }
  for (const section of Object.keys(summary.sections) as Section[]) {
    const sheet = book.addWorksheet(SECTION_TITLES[section])
    sheet.columns = [{ width: 36 }, { width: 30 }, { width: 16 }, { width: 16 }, { width: 12 }]
    sheet.addRow(REPORT_COLUMNS.slice(1)).font = { bold: true }
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
    // Text cells are stored as text (never formulas), so names need no escaping here.
    for (const r of records.filter((x) => x.section === section)) sheet.addRow([r.table, r.row, r.value, r.previous, r.change])
    for (const column of [3, 4]) sheet.getColumn(column).numFmt = '#,##0.##'
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** `acme-report-2026-11-01-2026-11-30.csv`: the shop's slug (letters, digits, dashes) and the period. */
export function reportFilename(slug: string | undefined, summary: Summary, format: ReportFormat): string {
  const safe =
    (slug ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'shop'
  return `${safe}-report-${summary.period.from}-${summary.period.to}.${format}`
}
