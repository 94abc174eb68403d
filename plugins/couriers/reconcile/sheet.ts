/**
 * Reading a courier's payout sheet (RedX's, or any courier's exported as CSV): the header names
 * couriers use, amounts in taka as people write them, dates in the usual forms. Pure: the
 * import endpoint (import-endpoint.ts) matches and records what this reads.
 */

export const SHEET_FIELDS = ['trackingCode', 'invoice', 'consignmentId', 'collected', 'deliveryFee', 'codFee', 'reference', 'date'] as const
export type SheetField = (typeof SHEET_FIELDS)[number]

/** Header names per field, compared lower-case without spaces or punctuation (`Tracking ID` = `tracking_id`). */
const HEADERS: Record<SheetField, string[]> = {
  trackingCode: ['trackingid', 'trackingcode', 'trackingnumber', 'trackingno', 'parcelid'],
  invoice: ['invoice', 'merchantinvoiceid', 'merchantinvoice', 'merchantorderid', 'ordernumber'],
  consignmentId: ['consignmentid'],
  collected: ['collected', 'cashcollection', 'cod', 'codamount', 'collectedamount', 'cashcollected', 'amountcollected'],
  deliveryFee: ['deliverycharge', 'charge', 'deliveryfee'],
  codFee: ['codcharge', 'codfee'],
  reference: ['payoutid', 'invoiceno', 'reference', 'paymentid', 'payoutreference'],
  date: ['date', 'paidat', 'paymentdate', 'payoutdate'],
}

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Which of the sheet's headers holds each field (the first that fits). */
export function sheetColumns(headers: string[]): Partial<Record<SheetField, string>> {
  const columns: Partial<Record<SheetField, string>> = {}
  for (const header of headers) {
    const name = squash(header)
    const field = SHEET_FIELDS.find((f) => HEADERS[f].includes(name))
    if (field && !columns[field]) columns[field] = header
  }
  return columns
}

/** An amount in taka as written (`1,250.50`, `৳ 1250`, `Tk 60`, `BDT 60`) in minor units; null when empty; undefined when not an amount. */
export function takaToMinor(text: string): null | number | undefined {
  const cleaned = text.replace(/[৳,\s]/g, '').replace(/^(tk|bdt)\.?/i, '')
  if (cleaned === '' || cleaned === '-') return null
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined
  const [whole, part = ''] = cleaned.split('.')
  return Number(whole) * 100 + Number(part.padEnd(2, '0'))
}

/** Bangladesh's offset: a sheet's date or time without a zone is the couriers' local time. */
const DHAKA = '+06:00'
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** Midnight in Dhaka of a real calendar date, or undefined (31/02 is not one). */
function dhakaDay(year: number, month: number, day: number): Date | undefined {
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined
  return new Date(`${probe.toISOString().slice(0, 10)}T00:00:00${DHAKA}`)
}

/**
 * A date as sheets write it — `2025-01-31`, `2025-01-31 14:05[:09]` (ISO, a zone optional),
 * `31/01/2025`, `31-01-2025`, `31 Jan 2025` — in Dhaka time when it names no zone; undefined
 * when it is none of these or not a real date.
 */
export function sheetDate(text: string): Date | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text)
  if (iso) {
    const day = dhakaDay(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    if (!day || !iso[4]) return day
    const at = new Date(`${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}${iso[5] ?? DHAKA}`)
    return Number.isNaN(at.getTime()) ? undefined : at
  }
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
  if (dmy) return dhakaDay(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]))
  const named = /^(\d{1,2})[\s-]([A-Za-z]{3,9})[\s,-]+(\d{4})$/.exec(text)
  const month = named ? MONTHS.indexOf(named[2].slice(0, 3).toLowerCase()) : -1
  return named && month >= 0 ? dhakaDay(Number(named[3]), month + 1, Number(named[1])) : undefined
}

/** One data line of a sheet (money in minor units). `line` is the file's line number (the header is line 1). */
export type SheetLine = {
  line: number
  trackingCode: null | string
  invoice: null | string
  consignmentId: null | string
  collected: null | number
  deliveryFee: null | number
  codFee: null | number
  reference: null | string
  date: Date | null
}
export type SheetError = { line: number; column: string; message: string }

/** The sheet's lines, or what is wrong with each bad cell (a file with errors is refused whole). */
export function readSheet(records: Record<string, string>[], columns: Partial<Record<SheetField, string>>): { lines: SheetLine[]; errors: SheetError[] } {
  const lines: SheetLine[] = []
  const errors: SheetError[] = []
  records.forEach((record, index) => {
    const line = index + 2
    const text = (field: SheetField) => {
      const column = columns[field]
      const value = column ? (record[column] ?? '').trim() : ''
      return value === '' ? null : value
    }
    const money = (field: 'collected' | 'deliveryFee' | 'codFee') => {
      const raw = text(field)
      if (raw === null) return null
      const minor = takaToMinor(raw)
      if (minor === undefined) errors.push({ line, column: columns[field]!, message: `"${raw.slice(0, 40)}" is not an amount in taka (e.g. 1,250.50).` })
      return minor ?? null
    }
    const rawDate = text('date')
    const date = rawDate === null ? null : sheetDate(rawDate)
    if (date === undefined) errors.push({ line, column: columns.date!, message: `"${rawDate!.slice(0, 40)}" is not a date (YYYY-MM-DD or DD/MM/YYYY).` })
    lines.push({
      line,
      trackingCode: text('trackingCode'),
      invoice: text('invoice'),
      consignmentId: text('consignmentId'),
      collected: money('collected'),
      deliveryFee: money('deliveryFee'),
      codFee: money('codFee'),
      reference: text('reference'),
      date: date ?? null,
    })
  })
  return { lines, errors }
}
