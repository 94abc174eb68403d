import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Courier, Shipment } from '../../../payload-types'
import { fail } from '../errors'
import { hostOf } from '../options'
import { toLocalPhone } from '../providers/phone'
import { systemReqOf } from '../system-req'
import type { BookRequest } from './parse-request'
import { idOf } from '../ids'

/** Orders in these statuses may be booked (a packed order whose shipment was cancelled may be booked again). */
export const BOOKABLE = ['confirmed', 'packed'] as const

export type Refusal = { order: string; number: null | string; error: string; message: string }

/**
 * One order → one queued shipment, in `req`'s transaction and the tenant's context: the order is
 * read with the caller's own access (another shop's order is "not found"), must be confirmed (or
 * packed without an active shipment), its customer's phone must be a Bangladeshi mobile and there
 * must be an address; one unit of `shipmentsPerMonth` is taken; the order moves to packed. The
 * database's one-active-shipment-per-order index turns a double click into "already booked".
 */
export async function prepareShipment(req: PayloadRequest, tenantId: string, account: Courier, orderId: string, body: BookRequest, batch: string): Promise<Shipment> {
  const options = hostOf(req)
  const order = await req.payload.findByID({ collection: 'orders', id: orderId, depth: 0, overrideAccess: false, user: req.user, req, disableErrors: true })
  if (!order || idOf(order.tenant) !== tenantId) throw fail('not_found', 'No such order in this shop.', 404)
  if (!(BOOKABLE as readonly string[]).includes(order.status)) throw fail('conflict', `Order ${order.number} is ${order.status}; only confirmed orders can be booked.`, 409)
  const active = await options.db.runSql(req, sql`select id, booking_state from shipments where order_id = ${orderId}::uuid and active limit 1`)
  if (active[0]) throw fail('conflict', `Order ${order.number} already has a shipment (${String(active[0].booking_state)}).`, 409, { shipment: String(active[0].id) })
  const customer = await req.payload.findByID({ collection: 'customers', id: idOf(order.customer), depth: 0, overrideAccess: true, req, disableErrors: true })
  const given = body.recipient ?? {}
  const address = customer?.addresses?.[0]
  const phone = toLocalPhone(given.phone ?? customer?.phone ?? '')
  const errors: { path: string; message: string }[] = []
  if (!phone) errors.push({ path: 'recipient.phone', message: 'Couriers need a Bangladeshi mobile number (01XXXXXXXXX).' })
  const line = given.address ?? [address?.line1, address?.line2, address?.city].filter(Boolean).join(', ')
  if (!line || line.length < 10) errors.push({ path: 'recipient.address', message: 'Couriers need the delivery address (at least 10 characters): add one to the customer or type it here.' })
  const name = given.name ?? customer?.name ?? ''
  if (name.length < 3) errors.push({ path: 'recipient.name', message: 'The recipient’s name (at least 3 characters).' })
  if (errors.length > 0) throw fail('invalid_input', `Order ${order.number}: ${errors.map((e) => e.message).join(' ')}`, 400, { errors })
  await options.quotas.consume(req, tenantId, 'shipmentsPerMonth', 1)
  const cod = order.paymentMethod === 'cod'
  const shipment = await req.payload.create({
    collection: 'shipments',
    depth: 0,
    overrideAccess: true,
    req: await systemReqOf(req),
    data: {
      tenant: tenantId,
      order: orderId,
      account: String(account.id),
      provider: account.provider,
      invoice: String(order.number),
      bookingState: 'queued',
      batch,
      active: true,
      recipient: {
        name,
        phone: phone!,
        address: line.slice(0, 250),
        district: given.district ?? address?.district ?? address?.city ?? null,
        zone: given.areaName ?? null,
        cityId: given.cityId ?? null,
        zoneId: given.zoneId ?? null,
        areaId: given.areaId ?? null,
      },
      paymentMethod: cod ? 'cod' : 'prepaid',
      currency: order.currency ?? 'BDT',
      codExpected: body.codAmount ?? (cod ? (order.total ?? 0) : 0),
      weightGrams: body.weightGrams ?? (account as Courier & { defaultWeightGrams?: number }).defaultWeightGrams ?? 500,
      storeId: body.storeId ?? (account as Courier & { storeId?: string }).storeId ?? null,
      notes: body.note ?? null,
      history: [],
    } as never,
  })
  if (order.status === 'confirmed') await req.payload.update({ collection: 'orders', id: orderId, data: { status: 'packed' }, depth: 0, overrideAccess: true, req })
  return shipment
}
