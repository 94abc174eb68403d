import type { Endpoint } from 'payload'

import type { CourierPayout, Shipment } from '../../../payload-types'
import { authorizeOn, jsonBody } from '../endpoints/authorize'
import { fail } from '../errors'
import { hostOf } from '../options'
import { recordSettlement } from '../settle'
import { userWork } from './tenant'

const SETTLEABLE = ['delivered', 'partially_delivered', 'returned']
const idOf = (v: unknown) => (v && typeof v === 'object' ? String((v as { id: unknown }).id) : String(v))

type Body = { reference: string; amount: null | number; note: null | string }

function parseBody(body: Record<string, unknown>): Body {
  const errors: { path: string; message: string }[] = []
  const reference = typeof body.reference === 'string' ? body.reference.trim() : ''
  if (!reference || reference.length > 100) errors.push({ path: 'reference', message: 'The payout’s reference (1–100 characters): the courier’s payout id, a bank or bKash transaction id.' })
  const amount = body.amount === undefined || body.amount === null ? null : body.amount
  if (amount !== null && (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || amount > 1e12))
    errors.push({ path: 'amount', message: 'What was paid for this parcel, a whole number of minor units ≥ 0.' })
  const note = body.note === undefined || body.note === null ? null : body.note
  if (note !== null && (typeof note !== 'string' || note.length > 500)) errors.push({ path: 'note', message: 'Text of at most 500 characters.' })
  if (errors.length > 0) throw fail('invalid_input', errors.map((e) => `${e.path}: ${e.message}`).join(' '), 400, { errors })
  return { reference, amount: amount as null | number, note: (note as null | string)?.trim() || null }
}

/**
 * POST /api/shipments/:id/settle { reference, amount?, note? } — a tenant-admin records that the
 * courier paid this parcel (a payout the courier reports no other way): a `manual` payout under
 * `reference` listing it, the shipment settled. Who may manage the shop's courier accounts may
 * (money is the account owner's); written through the Local API with the caller's request, so
 * the audit trail names them. `amount` is what was paid for the parcel (minor units; default its
 * collected cash less the courier's fees). 409 unless the parcel is delivered, partly delivered
 * or returned, and when this reference already settled it. Answers `{ doc, payout }`.
 */
export const settleEndpoint: Endpoint = {
  path: '/:id/settle',
  method: 'post',
  handler: async (req) => {
    const { doc, tenantId } = await authorizeOn<Shipment>(req, 'shipments', req.routeParams?.id, { collection: 'couriers', operation: 'update' })
    const body = parseBody(await jsonBody(req))
    if (!doc.status || !SETTLEABLE.includes(doc.status))
      throw fail('conflict', `Only a delivered, partly delivered or returned parcel can be settled; this one is ${doc.status?.replace('_', ' ') ?? 'not moving yet'}.`, 409)
    const options = hostOf(req)
    return options.tenancy.runWithTenant(userWork(req, tenantId), () =>
      options.db.withTransaction(req, async () => {
        const accountId = idOf(doc.account)
        const { docs } = await req.payload.find({
          collection: 'courier-payouts',
          where: { and: [{ account: { equals: accountId } }, { reference: { equals: body.reference } }] },
          depth: 0,
          limit: 1,
          overrideAccess: true,
          req,
        })
        const existing = docs[0] as CourierPayout | undefined
        const listed = (existing?.items ?? []).some((i) => i.shipment && idOf(i.shipment) === String(doc.id))
        if (listed || doc.settlementRef === body.reference) throw fail('conflict', `Payout ${body.reference} already settled this parcel.`, 409)
        const { currency } = await options.tenancy.tenantFacts(req, tenantId)
        const fees = (doc.deliveryFee ?? 0) + (doc.codFee ?? 0)
        const paid = body.amount ?? Math.max(0, (doc.codCollected ?? 0) - fees)
        const { payout } = await recordSettlement(req, {
          accountId,
          provider: doc.provider,
          reference: body.reference,
          source: 'manual',
          currency: doc.currency ?? currency,
          // The payout's total: this parcel's pay added to a payout already recorded under the reference.
          amount: existing ? existing.amount + paid : paid,
          status: 'paid',
          paidAt: new Date(),
          note: body.note,
          // An amount paid is the parcel's cash less the fees: the item states the cash it implies.
          items: [{ shipment: doc, collected: body.amount === null ? null : body.amount + fees }],
        })
        const fresh = await req.payload.findByID({ collection: 'shipments', id: doc.id, depth: 0, overrideAccess: true, req })
        return Response.json({ doc: fresh, payout: { id: payout.id, reference: payout.reference, amount: payout.amount, currency: payout.currency, source: payout.source } })
      }),
    )
  },
}
