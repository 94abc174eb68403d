/** Characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One value as a CSV cell of an export: empty for null, JSON for arrays and objects, and text
 * that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1+cmd|…`, `-`, `@`, a leading
 * tab or carriage return) prefixed with a single quote, so Excel, LibreOffice and Google Sheets
 * show it as text. Numbers and booleans are written as they are: they cannot be formulas.
 */
export function csvCell(value: unknown): string {
  if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value === null || value === undefined) return ''
  return JSON.stringify(value) ?? ''
}
