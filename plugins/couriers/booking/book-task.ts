import { createLocalReq, type PayloadRequest } from 'payload'

import type { Shipment } from '../../../payload-types'
import { applyUpdate } from '../apply-update'
import { accountAdapter, readAccount } from '../client'
import { describeCourierError } from '../errors'
import type { ResolvedCouriersOptions } from '../options'
import { CourierError, type Booked, type BookingInput, type CourierAdapter, type Provider } from '../providers/types'
import { idOf } from '../ids'
import { emailRefusals, type Refusal } from './refusal-email'

export const BOOK_TASK = 'courierBook'
/** Parcels per provider call: Steadfast's bulk takes 500, Pathao's bulk is unbounded in the doc (kept at 100), RedX books one at a time. */
const CHUNK: Record<Provider, number> = { steadfast: 500, pathao: 100, redx: 50 }

/** One job per this many shipments (each job is one provider call for bulk providers). */
export function chunksFor(provider: Provider, ids: string[]): string[][] {
  const size = CHUNK[provider]
  const out: string[][] = []
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size))
  return out
}

const inputOf = (s: Shipment, description: string): BookingInput => {
  const r = s.recipient ?? {}
  return {
    invoice: s.invoice,
    recipient: {
      name: r.name ?? '',
      phone: r.phone ?? '',
      address: r.address ?? '',
      city: r.district ?? undefined,
      cityId: r.cityId ?? undefined,
      zoneId: r.zoneId ?? undefined,
      areaId: r.areaId ?? undefined,
      areaName: r.zone ?? undefined,
    },
    codAmount: s.codExpected ?? 0,
    declaredValue: s.codExpected ?? 0,
    weightGrams: s.weightGrams ?? 500,
    itemQuantity: 1,
    itemDescription: description,
    note: s.notes ?? undefined,
    storeId: s.storeId ?? undefined,
  }
}

async function write(req: PayloadRequest, id: string | number, data: Record<string, unknown>) {
  const fresh = await createLocalReq({}, req.payload)
  await req.payload.update({ collection: 'shipments', id, data, depth: 0, overrideAccess: true, req: fresh })
}

/** The provider's answer applied: ids, fee, the booked status (and the order to packed). */
async function booked(req: PayloadRequest, s: Shipment, b: Booked) {
  const fresh = await createLocalReq({}, req.payload)
  await req.payload.update({
    collection: 'shipments',
    id: s.id,
    depth: 0,
    overrideAccess: true,
    req: fresh,
    data: { bookingState: 'booked', bookingError: null, bookedAt: new Date().toISOString(), ...(b.deliveryFee != null ? { deliveryFee: b.deliveryFee } : {}) },
  })
  const current = await req.payload.findByID({ collection: 'shipments', id: s.id, depth: 0, overrideAccess: true, req: fresh })
  await applyUpdate(fresh, current, {
    source: 'booking',
    at: new Date(),
    rawStatus: b.rawStatus,
    status: b.status,
    consignmentId: b.consignmentId,
    trackingCode: b.trackingCode,
    message: b.pending ? 'Accepted; the courier sends the consignment id by webhook.' : null,
  })
}

/** A definite refusal: the shipment is failed (inactive, so the order can be booked again), with the provider's words. */
const refused = (req: PayloadRequest, s: Shipment, error: unknown) => write(req, s.id, { bookingState: 'failed', active: false, bookingError: describeCourierError(error).slice(0, 500) })

/** A shipment left `sending` by an attempt that timed out: found at the provider by its invoice, if the provider can. */
async function recover(adapter: CourierAdapter, s: Shipment): Promise<Booked | null> {
  try {
    return await adapter.findByInvoice(s.invoice)
  } catch (error) {
    if (error instanceof CourierError && (error.code === 'not_found' || error.code === 'unsupported')) return null
    throw error
  }
}

/**
 * `courierBook` — call the courier for queued shipments of one account (one provider call for a
 * bulk provider). Idempotent: a shipment is marked `sending` before the call; a retry after a
 * timeout first looks the parcel up by its invoice (Steadfast), and a "duplicate invoice" answer
 * is resolved the same way, so nothing is booked twice where the provider can tell. A refusal
 * fails that shipment with the provider's words; the provider being down or rate-limiting throws,
 * and Payload retries the job with backoff (nothing is lost).
 */
export const bookTask = (options: ResolvedCouriersOptions) =>
  options.jobs.tenantTask<{ tenantId: string; shipmentIds: string[] }, { booked: number; failed: number }>({
    slug: BOOK_TASK,
    label: 'Book shipments with a courier',
    inputSchema: [{ name: 'shipmentIds', type: 'json', required: true }],
    retries: { attempts: 6, backoff: { type: 'exponential', delay: 2_000 } },
    handler: async ({ input, req }) => {
      // The refusals of this run, emailed once to the shop's admins at its end (also when it then throws to retry the rest).
      const refusals: Refusal[] = []
      const refuse = async (s: Shipment, error: unknown) => {
        await refused(req, s, error)
        refusals.push({ invoice: s.invoice, provider: s.provider, message: describeCourierError(error) })
      }
      try {
        return await bookBatch(req, input, refuse)
      } finally {
        if (refusals.length > 0) await emailRefusals(req, options, input.tenantId, refusals)
      }
    },
  })

/** One run of the task: the shipments still queued (or sending) booked, `refuse` failing each the courier refused. */
async function bookBatch(req: PayloadRequest, input: { shipmentIds: unknown }, refuse: (s: Shipment, error: unknown) => Promise<void>): Promise<{ output: { booked: number; failed: number } }> {
  const ids = Array.isArray(input.shipmentIds) ? input.shipmentIds.map(String) : []
  const { docs } = await req.payload.find({
    collection: 'shipments',
    where: { and: [{ id: { in: ids } }, { bookingState: { in: ['queued', 'sending'] } }] },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const shipments = docs
  if (shipments.length === 0) return { output: { booked: 0, failed: 0 } }
  const accountId = idOf(shipments[0].account)
  const account = await readAccount(req, accountId)
  let failed = 0
  let done = 0
  if (!account) {
    for (const s of shipments) await refuse(s, new Error('The courier account was deleted.'))
    return { output: { booked: 0, failed: shipments.length } }
  }
  let adapter: CourierAdapter
  try {
    adapter = accountAdapter(req, account)
  } catch (error) {
    for (const s of shipments) await refuse(s, error)
    return { output: { booked: 0, failed: shipments.length } }
  }
  const todo: Shipment[] = []
  for (const s of shipments) {
    const found = s.bookingState === 'sending' ? await recover(adapter, s) : null
    if (found) {
      await booked(req, s, found)
      done++
    } else todo.push(s)
  }
  for (const s of todo) await write(req, s.id, { bookingState: 'sending' })
  const inputs = todo.map((s) => inputOf(s, `Order ${s.invoice}`))
  if (inputs.length === 1) {
    try {
      await booked(req, todo[0], await adapter.book(inputs[0]))
      done++
    } catch (error) {
      if (error instanceof CourierError && error.code === 'duplicate') {
        const found = await recover(adapter, todo[0])
        if (found) {
          await booked(req, todo[0], found)
          return { output: { booked: done + 1, failed } }
        }
      }
      if (!(error instanceof CourierError) || error.retryable) throw error
      await refuse(todo[0], error)
      failed++
    }
  } else if (inputs.length > 1) {
    const results = await adapter.bookMany(inputs)
    const byInvoice = new Map(todo.map((s) => [s.invoice, s]))
    for (const result of results) {
      const s = byInvoice.get(result.invoice)
      if (!s) continue
      byInvoice.delete(result.invoice)
      if (result.ok) {
        await booked(req, s, result.booked)
        done++
      } else if (result.error.retryable) {
        await write(req, s.id, { bookingState: 'queued' })
      } else {
        const found = result.error.code === 'duplicate' ? await recover(adapter, s) : null
        if (found) {
          await booked(req, s, found)
          done++
        } else {
          await refuse(s, result.error)
          failed++
        }
      }
    }
    // Parcels the provider did not answer for stay queued; the retry books them.
    for (const s of byInvoice.values()) await write(req, s.id, { bookingState: 'queued' })
    if (byInvoice.size > 0 || results.some((r) => !r.ok && r.error.retryable)) throw new Error('Some parcels were not answered for; retrying them.')
  }
  return { output: { booked: done, failed } }
}
