import type { Endpoint, PayloadRequest } from 'payload'

import type { Courier, Shipment } from '../../../payload-types'
import { authorizeOn } from '../endpoints/authorize'
import { fail } from '../errors'
import { findShipment } from '../find-shipment'
import { hostOf } from '../options'
import { recordSettlement, type SettlementItem } from '../settle'
import { readSheet, sheetColumns, type SheetError, type SheetLine } from './sheet'
import { userWork } from './tenant'

/** The largest sheet accepted, and most data lines in one. */
export const SHEET_LIMITS = { maxBytes: 2 * 1024 * 1024, maxLines: 10_000 }

type Unmatched = { line: number; trackingCode: null | string; invoice: null | string; reason: string }

const malformed = (message: string, errors: { line?: number; column?: string; message: string }[]) =>
  fail('invalid_input', message, 400, { errors: errors.map((e) => ({ path: e.line ? `line ${e.line}${e.column ? `: ${e.column}` : ''}` : (e.column ?? 'body'), ...e })) })

/** The sheet's records (header row → objects), or the 400 that says where it is broken. */
function parseSheet(req: PayloadRequest, text: string): Record<string, string>[] {
  if (text.trim() === '') throw malformed('The body is empty: send the payout sheet as CSV (Content-Type: text/csv).', [{ message: 'Empty.' }])
  try {
    return hostOf(req).csv.parse(text)
  } catch (error) {
    const line = Number((error as { lines?: unknown }).lines) || undefined
    const message = error instanceof Error ? error.message : String(error)
    throw malformed(`The sheet is not valid CSV${line ? ` (line ${line})` : ''}: ${message}`, [{ line, message }])
  }
}

/** The payout's reference: `?reference=`, else the sheet's one reference column value. */
function referenceOf(req: PayloadRequest, lines: SheetLine[]): string {
  const asked = typeof req.query?.reference === 'string' ? req.query.reference.trim() : ''
  if (asked) {
    if (asked.length > 100) throw fail('invalid_input', 'reference: at most 100 characters.', 400, { errors: [{ path: 'reference', message: 'At most 100 characters.' }] })
    return asked
  }
  const named = [...new Set(lines.map((l) => l.reference).filter((r): r is string => Boolean(r)))]
  if (named.length === 1 && named[0].length <= 100) return named[0]
  if (named.length > 1)
    throw malformed(`The sheet lists ${named.length} payouts (${named.slice(0, 5).join(', ')}…): import one payout per file, or name it with ?reference=.`, [
      { column: 'reference', message: 'More than one payout.' },
    ])
  throw fail('invalid_input', 'Name the payout: ?reference=<the courier’s payout or invoice number> (the sheet has no Payout ID column).', 400, { errors: [{ path: 'reference', message: 'Required.' }] })
}

/** The shipment of THIS account a line names: by tracking code first, then consignment id, then invoice. */
async function shipmentOf(req: PayloadRequest, accountId: string, line: SheetLine): Promise<null | Shipment> {
  if (line.trackingCode) {
    const byTracking = await findShipment(req, accountId, { trackingCode: line.trackingCode })
    if (byTracking) return byTracking
  }
  if (line.consignmentId) {
    const byConsignment = await findShipment(req, accountId, { consignmentId: line.consignmentId })
    if (byConsignment) return byConsignment
  }
  return line.invoice ? findShipment(req, accountId, { invoice: line.invoice }) : null
}

/**
 * POST /api/couriers/:id/payouts/import[?reference=] with a payout sheet as CSV (RedX's, or any
 * courier's) — for who may manage the shop's courier accounts. Headers are read case- and
 * punctuation-insensitively: tracking id (`Tracking ID`, `Parcel ID`), invoice (`Invoice`,
 * `Merchant Invoice ID`), collected (`Collected`, `Cash Collection`, `COD`), delivery fee
 * (`Delivery Charge`, `Charge`), COD fee (`COD Charge`), reference (`Payout ID`, `Invoice No`,
 * `Reference`), date (`Date`, `Paid At`); amounts in taka (`1,250.50`, `৳60`). Each line is
 * matched to a shipment of THIS account (tracking id, then invoice); matched parcels are settled
 * under one `csv` payout (none when no line matches). A malformed file stores nothing (400 naming the lines). Answers
 * `{ reference, matched, added, unmatched: [{ line, trackingCode, invoice, reason }], payout }`.
 */
export const payoutImportEndpoint: Endpoint = {
  path: '/:id/payouts/import',
  method: 'post',
  // For the host's REST body guard: the raw sheet.
  custom: { body: { accepts: ['text/csv', 'text/plain'], maxBytes: SHEET_LIMITS.maxBytes } },
  handler: async (req) => {
    const { doc: account, tenantId } = await authorizeOn<Courier>(req, 'couriers', req.routeParams?.id, { collection: 'couriers', operation: 'update' })
    const records = parseSheet(req, (await (req as unknown as Request).text?.()) ?? '')
    if (records.length === 0) throw malformed('The sheet has a header row and no lines.', [{ line: 2, message: 'No lines.' }])
    if (records.length > SHEET_LIMITS.maxLines) throw malformed(`At most ${SHEET_LIMITS.maxLines} lines in one sheet.`, [{ line: SHEET_LIMITS.maxLines + 2, message: 'Too many lines.' }])
    const columns = sheetColumns(Object.keys(records[0]))
    if (!columns.trackingCode && !columns.invoice && !columns.consignmentId)
      throw malformed(`No column names the parcels: add "Tracking ID" or "Invoice" (the sheet's columns: ${Object.keys(records[0]).join(', ')}).`, [{ line: 1, message: 'No tracking id or invoice column.' }])
    const { lines, errors } = readSheet(records, columns)
    if (errors.length > 0)
      throw malformed(
        `The sheet has ${errors.length} bad cell${errors.length === 1 ? '' : 's'}; nothing was imported. ${errors
          .slice(0, 3)
          .map((e: SheetError) => `Line ${e.line} (${e.column}): ${e.message}`)
          .join(' ')}`,
        errors.slice(0, 100),
      )
    const reference = referenceOf(req, lines)
    const options = hostOf(req)
    return options.tenancy.runWithTenant(userWork(req, tenantId), () =>
      options.db.withTransaction(req, async () => {
        const items: SettlementItem[] = []
        const unmatched: Unmatched[] = []
        const seen = new Map<string, number>()
        for (const line of lines) {
          const ids = { line: line.line, trackingCode: line.trackingCode, invoice: line.invoice }
          if (!line.trackingCode && !line.invoice && !line.consignmentId) {
            unmatched.push({ ...ids, reason: 'The line names no tracking id or invoice.' })
            continue
          }
          const shipment = await shipmentOf(req, String(account.id), line)
          if (!shipment) unmatched.push({ ...ids, reason: 'No shipment of this courier account has this tracking id or invoice.' })
          else if (seen.has(String(shipment.id))) unmatched.push({ ...ids, reason: `The same parcel as line ${seen.get(String(shipment.id))}.` })
          else {
            seen.set(String(shipment.id), line.line)
            items.push({ shipment, collected: line.collected, deliveryFee: line.deliveryFee, codFee: line.codFee })
          }
        }
        // A sheet none of whose lines is this account's parcel records no (empty) payout.
        if (items.length === 0) return Response.json({ reference, matched: 0, added: 0, unmatched, payout: null })
        const { currency } = await options.tenancy.tenantFacts(req, tenantId)
        const paidAt = lines.find((l) => l.date)?.date ?? new Date()
        const { payout, added } = await recordSettlement(req, { accountId: String(account.id), provider: account.provider, reference, source: 'csv', currency, paidAt, items })
        return Response.json({
          reference,
          matched: items.length,
          added,
          unmatched,
          payout: { id: payout.id, reference: payout.reference, amount: payout.amount, currency: payout.currency, source: payout.source, items: (payout.items ?? []).length },
        })
      }),
    )
  },
}
