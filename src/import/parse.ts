import { CsvError, parse } from 'csv-parse/sync'

import { CUSTOM_FIELDS, valueFromText, type CustomFieldDefinition } from '../../plugins/branding'
import { COLUMNS, convertCell, customFieldKeyOf, DEFAULTS, IGNORED, normaliseHeader, setPath, UNIQUE_COLUMN, type ImportCollection, type RowProblem } from './columns'

/** One data row of the file, turned into a document (or found unusable before any write). */
export type ParsedRow = {
  /** The row number as in the file (the header is row 1). */
  row: number
  data: Record<string, unknown>
  /** Problems found without the database: bad numbers, duplicates in the file, another tenant. */
  problems: RowProblem[]
  /** Columns already reported, so Payload's validation does not report them twice. */
  reported: Set<string>
}

export type ParsedFile = {
  rows: ParsedRow[]
  /** Problems of the whole file: missing required columns (errors) and unknown ones (warnings). */
  fileErrors: RowProblem[]
  warnings: RowProblem[]
  /** Normalised column key → the header as written in the file (for the report). */
  headerOf: Map<string, string>
}

export class CsvFileError extends Error {}

/** The line a record starts on (csv-parse counts the line it ends on; a quoted cell may span lines). */
const firstLineOf = ({ info, raw }: { info: { lines: number }; raw: string }) =>
  info.lines -
  (raw
    .replace(/^(\r?\n)+/, '')
    .replace(/\r?\n$/, '')
    .match(/\n/g)?.length ?? 0)

/** Rows the target tenant accepts in a `tenant` column: empty, its id or its slug. */
export type TenantNames = { id: string; slug: string; name: string }

/** The shop's custom fields of the collection (plugins/branding): a `cf.<key>` column each; amounts in major units with the shop currency's decimals. */
export type CustomColumns = { definitions: CustomFieldDefinition[]; minorDigits: number }

/**
 * Parse the CSV text of one collection's file (header first; comma or semicolon separated;
 * UTF-8 with or without BOM) into documents. Throws CsvFileError when it is not CSV at all or
 * has more than `maxRows` data rows.
 */
export function parseImportFile(collection: ImportCollection, text: string, tenant: TenantNames, maxRows: number, custom: CustomColumns = { definitions: [], minorDigits: 2 }): ParsedFile {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  let records: { record: string[]; info: { lines: number }; raw: string }[]
  try {
    records = parse(text, { bom: true, delimiter, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, trim: true, to: maxRows + 2 }) as unknown as typeof records
  } catch (error) {
    if (error instanceof CsvError) throw new CsvFileError(`The file is not valid CSV: ${error.message}`)
    throw error
  }
  const [header, ...data] = records
  if (!header) throw new CsvFileError('The file is empty: the first row must name the columns.')
  if (data.length > maxRows) throw new CsvFileError(`The file has more than ${maxRows} rows; split it into smaller files.`)
  const headerRow = firstLineOf(header)

  const columns = COLUMNS[collection]
  const customDefs = new Map(custom.definitions.filter((d) => !d.archived).map((d) => [d.key, d]))
  const customOf = (key: string) => {
    const found = customFieldKeyOf(key)
    return found ? customDefs.get(found) : undefined
  }
  const headerOf = new Map<string, string>()
  const keys = header.record.map((cell) => normaliseHeader(cell))
  const fileErrors: RowProblem[] = []
  const warnings: RowProblem[] = []
  keys.forEach((key, i) => {
    const written = header.record[i]
    if (headerOf.has(key)) fileErrors.push({ row: headerRow, column: written, reason: `The column "${written}" appears twice.`, code: 'invalid' })
    headerOf.set(key, written)
    if (!columns[key] && !customOf(key) && key !== 'tenant' && !IGNORED.has(key) && key !== '') {
      const known = [...Object.keys(columns), ...[...customDefs.keys()].map((k) => `cf.${k}`)]
      warnings.push({ row: headerRow, column: written, reason: `Unknown column "${written}": it is ignored. Known columns: ${known.join(', ')}.`, code: 'unknown_column' })
    }
  })
  for (const [key, column] of Object.entries(columns)) {
    if (column.required && !headerOf.has(key)) fileErrors.push({ row: headerRow, column: key, reason: `The required column "${key}" is missing.`, code: 'invalid' })
  }

  const uniqueKey = UNIQUE_COLUMN[collection]
  const seen = new Map<string, number>()
  const rows = data.map((entry): ParsedRow => {
    const { record } = entry
    const row = firstLineOf(entry)
    const parsed: ParsedRow = { row, data: { ...DEFAULTS[collection] }, problems: [], reported: new Set() }
    const fail = (key: string, reason: string, code: RowProblem['code'] = 'invalid') => {
      const column = headerOf.get(key) ?? key
      parsed.problems.push({ row, column, reason, code })
      parsed.reported.add(column)
    }
    keys.forEach((key, i) => {
      const raw = record[i] ?? ''
      if (key === 'tenant') {
        if (raw !== '' && raw !== tenant.id && raw !== tenant.slug) fail(key, `This file is imported into "${tenant.name}"; the row names another shop ("${raw}").`, 'forbidden')
        return
      }
      const def = customOf(key)
      if (def) {
        const converted = raw === '' ? null : valueFromText(def, raw, custom.minorDigits)
        if (converted && !converted.ok) fail(key, `${def.label}: ${converted.error}`)
        else if (converted) setPath(parsed.data, `${CUSTOM_FIELDS}.${def.key}`, converted.value)
        return
      }
      const column = columns[key]
      if (!column || raw === '') return
      const converted = convertCell(column, raw)
      if ('error' in converted) fail(key, converted.error)
      else setPath(parsed.data, column.path, converted.value)
    })
    const unique = parsed.data[uniqueKey]
    if (typeof unique === 'string' && unique !== '') {
      // Exact, like the per-tenant unique index.
      const first = seen.get(unique)
      if (first !== undefined) fail(uniqueKey, `Duplicate in this file: row ${first} has the same ${uniqueKey === 'sku' ? 'SKU' : uniqueKey} "${unique}".`, 'duplicate')
      else seen.set(unique, row)
    }
    return parsed
  })
  return { rows, fileErrors, warnings, headerOf }
}
