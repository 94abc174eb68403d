import { CURRENCIES } from '../money/currencies'

/** The collections a CSV file can be imported into. */
export const IMPORTABLE = ['products', 'customers', 'leads'] as const
export type ImportCollection = (typeof IMPORTABLE)[number]

export const isImportable = (value: unknown): value is ImportCollection => IMPORTABLE.includes(value as ImportCollection)

/** One problem in the file: `row` as in the file (the header is row 1), `column` as in the header. */
export type RowProblem = { row: number; column: null | string; reason: string; code: 'invalid' | 'duplicate' | 'quota_exceeded' | 'forbidden' | 'unknown_column' }

/** A cell turned into a field value, or the reason it cannot be. */
type Convert = (raw: string) => { value: unknown } | { error: string }

type Column = {
  /** Where the value goes in the document: `price`, or `addresses.0.line1`. */
  path: string
  required?: boolean
  convert?: Convert
}

const text: Convert = (raw) => ({ value: raw })
const lower: Convert = (raw) => ({ value: raw.toLowerCase() })
const list: Convert = (raw) => ({
  value: raw
    .split(/[;,|]/)
    .map((tag) => tag.trim())
    .filter(Boolean),
})

/** 450, 450.5 or 450.00 (major units, at most 2 decimals) → 45000 minor units, without floats. */
export const majorToMinor: Convert = (raw) => {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(raw.replace(/[\s_]/g, ''))
  if (!match) return { error: `Write the amount in major units with at most 2 decimals, e.g. 450.00 (got "${raw}").` }
  return { value: Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) }
}

const wholeNumber: Convert = (raw) => (/^\d{1,9}$/.test(raw) ? { value: Number(raw) } : { error: `Write a whole number, zero or more (got "${raw}").` })

const currency: Convert = (raw) => {
  const code = raw.toUpperCase()
  return (CURRENCIES as readonly string[]).includes(code) ? { value: code } : { error: `Unknown currency "${raw}": use one of ${CURRENCIES.join(', ')}.` }
}

/** Plain text (paragraphs separated by blank lines) as the Lexical document a richText field stores. */
const richText: Convert = (raw) => ({
  value: {
    root: {
      type: 'root',
      direction: null,
      format: '',
      indent: 0,
      version: 1,
      children: raw.split(/\r?\n\s*\r?\n/).map((paragraph) => ({
        type: 'paragraph',
        direction: null,
        format: '',
        indent: 0,
        version: 1,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', text: paragraph.trim(), detail: 0, format: 0, mode: 'normal', style: '', version: 1 }],
      })),
    },
  },
})

const address = (field: string): Column => ({ path: `addresses.0.${field}` })

/**
 * The header of each collection's file. Headers are matched case-insensitively, with spaces,
 * dashes and camelCase read as underscores (`Compare at price`, `compareAtPrice`). Empty cells
 * leave the field unset (its default applies). Amounts are in major units (450.00).
 */
export const COLUMNS: Record<ImportCollection, Record<string, Column>> = {
  products: {
    name: { path: 'name', required: true },
    sku: { path: 'sku', required: true },
    price: { path: 'price', required: true, convert: majorToMinor },
    compare_at_price: { path: 'compareAtPrice', convert: majorToMinor },
    currency: { path: 'currency', convert: currency },
    stock: { path: 'stock', convert: wholeNumber },
    status: { path: 'status', convert: lower },
    category: { path: 'category' },
    description: { path: 'description', convert: richText },
  },
  customers: {
    name: { path: 'name', required: true },
    phone: { path: 'phone', required: true },
    email: { path: 'email', convert: lower },
    address_label: address('label'),
    address_line1: address('line1'),
    address_line2: address('line2'),
    address_city: address('city'),
    address_district: address('district'),
    address_postal_code: address('postalCode'),
    address_country: { path: 'addresses.0.country', convert: (raw) => ({ value: raw.toUpperCase() }) },
    notes: { path: 'notes' },
    tags: { path: 'tags', convert: list },
  },
  leads: {
    name: { path: 'name', required: true },
    phone: { path: 'phone', required: true },
    email: { path: 'email', convert: lower },
    source: { path: 'source', convert: lower },
    source_ref: { path: 'sourceRef' },
    status: { path: 'status', convert: lower },
    tags: { path: 'tags', convert: list },
  },
}

/** Leads without a `source` cell came from an import. */
export const DEFAULTS: Partial<Record<ImportCollection, Record<string, unknown>>> = { leads: { source: 'import' } }

/** The column whose value must be unique within a tenant (and so within the file). */
export const UNIQUE_COLUMN: Record<ImportCollection, string> = { products: 'sku', customers: 'phone', leads: 'phone' }

/** Columns other tools write (our own export among them) that are read but never imported. */
export const IGNORED = new Set(['id', 'created_at', 'updated_at'])

/** `Compare at price`, `compareAtPrice`, `compare-at-price` → `compare_at_price`. */
export const normaliseHeader = (header: string): string =>
  header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

/** A custom field's column (`cf.warranty_months`, or `customFields.warranty_months` → `custom_fields.…`): its key, else null. */
export const customFieldKeyOf = (column: string): null | string => /^(?:cf|custom_fields)\.(.+)$/.exec(column)?.[1] ?? null

/** The CSV column a field path of a validation error came from (`addresses.0.line1` → `address_line1`, `customFields.color` → `cf.color`). */
export function columnOfPath(collection: ImportCollection, path: string, headerOf: Map<string, string>): null | string {
  const custom = /^customFields\.([^.]+)/.exec(path)?.[1]
  if (custom) return headerOf.get(`cf.${custom}`) ?? headerOf.get(`custom_fields.${custom}`) ?? `cf.${custom}`
  const entry = Object.entries(COLUMNS[collection]).find(([, column]) => column.path === path || path.startsWith(`${column.path}.`))
  if (entry) return headerOf.get(entry[0]) ?? entry[0]
  const top = path.split('.')[0]
  const parent = Object.entries(COLUMNS[collection]).find(([, column]) => column.path.split('.')[0] === top)
  return parent ? (headerOf.get(parent[0]) ?? parent[0]) : null
}

/** Set `value` at a dotted path (`addresses.0.line1`), creating arrays for numeric segments. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let node: Record<string, unknown> = target
  parts.slice(0, -1).forEach((part, i) => {
    node[part] ??= /^\d+$/.test(parts[i + 1]) ? [] : {}
    node = node[part] as Record<string, unknown>
  })
  node[parts.at(-1)!] = value
}

export const convertCell = (column: Column, raw: string) => (column.convert ?? text)(raw)
