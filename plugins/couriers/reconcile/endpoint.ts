import type { Endpoint, PayloadRequest } from 'payload'

import { courierSettingsOf, hostOf } from '../options'
import { ledgerCsv } from './csv'
import { RECONCILIATION_FLAGS, type ReconciliationFlag } from './flags'
import { ledger } from './ledger'
import { queryChoice, queryPeriod, queryString, queryUuid, refuseIfAny, type ParamError } from './params'
import { reportTenant, userWork } from './tenant'

/** `?flag=a,b`: the flags asked for (rows with any of them), or [] for every row. */
function queryFlags(req: PayloadRequest, errors: ParamError[]): ReconciliationFlag[] {
  const raw = queryString(req, 'flag', errors)
  if (!raw) return []
  const asked = raw.split(',').map((f) => f.trim())
  const wrong = asked.filter((f) => !(RECONCILIATION_FLAGS as readonly string[]).includes(f))
  if (wrong.length > 0) errors.push({ path: 'flag', message: `Not a flag: ${wrong.join(', ')}. One or more of: ${RECONCILIATION_FLAGS.join(', ')}.` })
  return asked.filter((f): f is ReconciliationFlag => (RECONCILIATION_FLAGS as readonly string[]).includes(f))
}

/**
 * GET /api/couriers/reconciliation?account=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD[&flag=…][&format=csv][&tenant=<id>]
 * — cash on delivery, parcel by parcel, for who may read courier payouts (tenant-admins): what
 * each booked shipment should have collected, collected, was paid out, the courier's fees, and
 * its flags (short_paid, not_settled, settled_twice, returned_but_charged). The period is on the
 * shipment's creation (booking) date, whole days in the shop's time zone, both ends included
 * (default: the last 30 days; at most 366). Answers `{ currency, period, totals, rows }`, flagged
 * rows first; `format=csv` the same rows as a CSV download (money as decimals: 1250 → 12.50).
 */
export const reconciliationEndpoint: Endpoint = {
  path: '/reconciliation',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const errors: ParamError[] = []
    const accountId = queryUuid(req, 'account', errors)
    const only = queryFlags(req, errors)
    const format = queryChoice(req, 'format', ['json', 'csv'] as const, 'json', errors)
    // The shop first: a caller who may not read its payouts learns nothing from the 400s below.
    refuseIfAny(errors.filter((e) => e.path === 'account'))
    const tenantId = await reportTenant(req, accountId, { collection: 'courier-payouts', operation: 'read' }, 'courier payouts')
    return options.tenancy.runWithTenant(userWork(req, tenantId), async () => {
      const facts = await options.tenancy.tenantFacts(req, tenantId)
      const period = queryPeriod(req, facts.timezone, errors)
      refuseIfAny(errors)
      const { settleAfterDays } = courierSettingsOf(facts.settings)
      const { rows, totals } = await ledger(req, { tenantId, accountId, period, timeZone: facts.timezone, settleAfterDays, only })
      if (format === 'csv') {
        const name = `cod-reconciliation-${period.from}-to-${period.to}.csv`
        return new Response(ledgerCsv(rows), { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' } })
      }
      return Response.json({ currency: facts.currency, period, totals, rows }, { headers: { 'cache-control': 'no-store' } })
    })
  },
}
