import { describe, expect, it } from 'vitest'

import { csvCell } from '../../src/export/csv-cell'

describe('CSV cells of exports (csv-cell.ts)', () => {
  it('prefixes text a spreadsheet would run as a formula with a single quote', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`'=HYPERLINK("http://evil.example","click")`)
    expect(csvCell('+1+cmd|" /C calc"!A0')).toBe(`'+1+cmd|" /C calc"!A0`)
    expect(csvCell('-2+3')).toBe(`'-2+3`)
    expect(csvCell('@SUM(A1:A2)')).toBe(`'@SUM(A1:A2)`)
    expect(csvCell('\t=1')).toBe(`'\t=1`)
    expect(csvCell('\r=1')).toBe(`'\r=1`)
  })

  it('leaves other values as they were: plain text, numbers (negative too), booleans, empty, JSON', () => {
    expect(csvCell('Rahim = buyer')).toBe('Rahim = buyer')
    expect(csvCell('+8801711000001')).toBe(`'+8801711000001`)
    expect(csvCell(-500)).toBe('-500')
    expect(csvCell(0)).toBe('0')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell({ a: '=1' })).toBe('{"a":"=1"}')
    expect(csvCell([1, 2])).toBe('[1,2]')
  })
})
