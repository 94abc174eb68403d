import type { Endpoint, PayloadRequest } from 'payload'

import type { Shipment } from '../../../payload-types'
import { applyUpdate } from '../apply-update'
import { accountAdapter, readAccount } from '../client'
import { fail, upstream } from '../errors'
import { hostOf } from '../options'
import { isTerminal } from '../providers/status-map'
import { systemReqOf } from '../system-req'
import { authorizeOn, jsonBody } from './authorize'
import { idOf, textOf } from '../ids'

async function withAdapter<T>(req: PayloadRequest, shipment: Shipment, fn: (adapter: ReturnType<typeof accountAdapter>) => Promise<T>): Promise<T> {
  const account = await readAccount(req, idOf(shipment.account))
  if (!account) throw fail('not_found', 'The shipment’s courier account is gone.', 404)
  try {
    return await fn(accountAdapter(req, account))
  } catch (error) {
    throw upstream(error)
  }
}

const fresh = (req: PayloadRequest, id: string | number) => req.payload.findByID({ collection: 'shipments', id, depth: 0, overrideAccess: true, req })

/** POST /api/shipments/:id/refresh — ask the courier now (staff who may update shipments). */
export const refreshEndpoint: Endpoint = {
  path: '/:id/refresh',
  method: 'post',
  handler: async (req) => {
    const { doc, tenantId } = await authorizeOn<Shipment>(req, 'shipments', req.routeParams?.id, { collection: 'shipments', operation: 'update' })
    if (doc.bookingState !== 'booked') throw fail('conflict', 'This shipment is not booked with the courier yet.', 409)
    const options = hostOf(req)
    return options.tenancy.runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, async () => {
      const result = await withAdapter(req, doc, (a) => a.status(doc))
      await options.db.withTransaction(req, () =>
        applyUpdate(req, doc, { source: 'poll', at: result.at ?? new Date(), rawStatus: result.rawStatus, status: result.status, collected: result.collected, deliveryFee: result.deliveryFee }),
      )
      return Response.json({ doc: await fresh(req, doc.id) })
    })
  },
}

/** POST /api/shipments/:id/cancel { reason } — cancel at the courier (where it has an API), then here. */
export const cancelEndpoint: Endpoint = {
  path: '/:id/cancel',
  method: 'post',
  handler: async (req) => {
    const { doc, tenantId } = await authorizeOn<Shipment>(req, 'shipments', req.routeParams?.id, { collection: 'shipments', operation: 'update' })
    const body = await jsonBody(req)
    const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim().slice(0, 200) : 'Cancelled by the shop'
    if (doc.status && isTerminal(doc.status)) throw fail('conflict', `This shipment is already ${doc.status.replace('_', ' ')}.`, 409)
    if (doc.status && !['booked', 'on_hold'].includes(doc.status)) throw fail('conflict', 'The courier has picked this parcel up: ask the courier for a return instead.', 409)
    const options = hostOf(req)
    return options.tenancy.runWithTenant({ tenantId, via: 'user', userId: String(req.user!.id) }, async () => {
      if (doc.bookingState === 'booked') await withAdapter(req, doc, (a) => a.cancel(doc, reason))
      await options.db.withTransaction(req, async () => {
        if (doc.bookingState !== 'booked')
          await req.payload.update({ collection: 'shipments', id: doc.id, data: { bookingState: 'failed', bookingError: reason }, depth: 0, overrideAccess: true, req: await systemReqOf(req) })
        await applyUpdate(req, await fresh(req, doc.id), { source: 'manual', at: new Date(), rawStatus: 'cancelled', status: 'cancelled', message: reason })
      })
      return Response.json({ doc: await fresh(req, doc.id) })
    })
  },
}

/** GET /api/shipments/batch/:batch — a booking batch's progress and each order's result. */
export const batchEndpoint: Endpoint = {
  path: '/batch/:batch',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw fail('unauthorized', 'Sign in first.', 401)
    const batch = textOf(req.routeParams?.batch)
    if (!/^[0-9a-f-]{36}$/i.test(batch)) throw fail('invalid_id', 'Not a batch id.', 400)
    // The caller's own read access: another shop's batch lists nothing.
    const { docs } = await req.payload.find({
      collection: 'shipments',
      where: { batch: { equals: batch } },
      depth: 0,
      limit: 1000,
      pagination: false,
      overrideAccess: false,
      user: req.user,
      req,
      sort: 'createdAt',
    })
    const shipments = docs
    if (shipments.length === 0) throw fail('not_found', 'No such booking batch.', 404)
    const count = (state: string) => shipments.filter((s) => s.bookingState === state).length
    return Response.json({
      batch,
      total: shipments.length,
      queued: count('queued'),
      sending: count('sending'),
      booked: count('booked'),
      failed: count('failed'),
      done: count('booked') + count('failed') === shipments.length,
      items: shipments.map((s) => ({
        shipment: s.id,
        order: idOf(s.order),
        orderNumber: s.invoice,
        bookingState: s.bookingState,
        error: s.bookingError ?? null,
        consignmentId: s.consignmentId ?? null,
        trackingCode: s.trackingCode ?? null,
        status: s.status ?? null,
      })),
    })
  },
}
