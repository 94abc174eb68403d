import type { Payload, PayloadRequest } from 'payload'

import type { Order, Tenant } from '../../payload-types'
import { demoRecords } from './demo-extras'

type Ctx = { payload: Payload; req: PayloadRequest }
const HOUR = 3_600_000

type Demo = { state: 'delivered' | 'short' | 'in_transit' | 'returned' | 'booked'; raw: string; daysAgo: number }
/** One shipment per state the courier views show: paid out, short-paid, on its way, returned, just booked. */
const DEMOS: Demo[] = [
  { state: 'delivered', raw: 'delivered', daysAgo: 9 },
  { state: 'short', raw: 'partial_delivered', daysAgo: 6 },
  { state: 'in_transit', raw: 'pending', daysAgo: 1 },
  { state: 'returned', raw: 'cancelled', daysAgo: 5 },
  { state: 'booked', raw: 'in_review', daysAgo: 0 },
]

/**
 * Demo courier work for an active tenant (its Steadfast demo account): five confirmed orders
 * booked as shipments in several states — delivered and settled by a payout, delivered short
 * (the courier collected less than expected: flagged in reconciliation), in transit, returned and
 * just booked — with each order moved along its status flow by the Orders hooks. Stored as data:
 * nothing is sent to a courier. Skipped when the tenant already has shipments.
 */
export async function seedShipments({ payload, req }: Ctx, tenant: Tenant, index: number): Promise<number> {
  const system = { overrideAccess: true, req, depth: 0 } as const
  if (tenant.status !== 'active') return 0
  if ((await payload.count({ collection: 'shipments', where: { tenant: { equals: tenant.id } }, ...system })).totalDocs > 0) return 0
  const records = demoRecords(index, tenant.name)
  const account = (await payload.find({ collection: 'couriers', where: { and: [{ tenant: { equals: tenant.id } }, { label: { equals: records.courier.label } }] }, limit: 1, ...system })).docs[0]
  const customer = (await payload.find({ collection: 'customers', where: { and: [{ tenant: { equals: tenant.id } }, { phone: { equals: records.customers[0].phone } }] }, limit: 1, ...system })).docs[0]
  const product = (await payload.find({ collection: 'products', where: { and: [{ tenant: { equals: tenant.id } }, { status: { equals: 'active' } }] }, limit: 1, sort: '-stock', ...system })).docs[0]
  if (!account || !customer || !product) return 0
  const now = Date.now()
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString()
  const move = async (order: Order, ...statuses: Order['status'][]) => {
    for (const status of statuses) await payload.update({ collection: 'orders', id: order.id, data: { status }, ...system })
  }
  let created = 0
  const settled: { shipment: string; consignmentId: string; invoice: string; trackingCode: string; collected: number; deliveryFee: number; codFee: number }[] = []
  for (const [i, demo] of DEMOS.entries()) {
    const order = await payload.create({
      collection: 'orders',
      data: { tenant: tenant.id, customer: customer.id, items: [{ product: product.id, quantity: 1 }], shipping: 6000, paymentMethod: 'cod', source: i % 2 ? 'whatsapp' : 'facebook', status: 'pending' },
      ...system,
    })
    await move(order, 'confirmed', 'packed')
    const total = order.total ?? 0
    const bookedAt = demo.daysAgo * 24 + 2
    const collected = demo.state === 'delivered' ? total : demo.state === 'short' ? total - 20000 : null
    const status: 'partially_delivered' | Exclude<Demo['state'], 'short'> = demo.state === 'short' ? 'partially_delivered' : demo.state
    const consignmentId = `${9_000_000 + index * 100 + i}`
    const trackingCode = `DEMO${index}${i}TRK`
    const shipment = await payload.create({
      collection: 'shipments',
      data: {
        tenant: tenant.id,
        order: order.id,
        account: account.id,
        provider: 'steadfast',
        invoice: order.number ?? `DEMO-${i}`,
        consignmentId,
        trackingCode,
        bookingState: 'booked',
        status,
        rawStatus: demo.raw,
        active: true,
        recipient: { name: customer.name, phone: customer.phone.replace(/^\+88/, ''), address: 'House 12, Road 5, Dhaka', district: 'Dhaka' },
        paymentMethod: 'cod',
        currency: order.currency ?? 'BDT',
        weightGrams: 500,
        codExpected: total,
        codCollected: collected,
        deliveryFee: 6000,
        codFee: collected ? Math.round(collected / 100) : null,
        bookedAt: at(bookedAt),
        pickedAt: demo.state === 'booked' ? null : at(bookedAt - 6),
        deliveredAt: collected !== null ? at(bookedAt - 30) : null,
        returnedAt: demo.state === 'returned' ? at(bookedAt - 60) : null,
        lastEventAt: at(demo.state === 'booked' ? bookedAt : Math.max(1, bookedAt - 30)),
        history: [
          { at: at(bookedAt), source: 'booking', rawStatus: 'in_review', status: 'booked', applied: true },
          ...(demo.state === 'booked' ? [] : [{ at: at(Math.max(1, bookedAt - 30)), source: 'webhook' as const, rawStatus: demo.raw, status, applied: true }]),
        ],
      },
      ...system,
    })
    if (demo.state !== 'booked') await move(order, 'shipped')
    if (collected !== null) await move(order, 'delivered')
    if (demo.state === 'returned') await move(order, 'returned')
    if (demo.state === 'delivered') settled.push({ shipment: shipment.id, consignmentId, invoice: shipment.invoice, trackingCode, collected: total, deliveryFee: 6000, codFee: Math.round(total / 100) })
    created += 2
  }
  const paidAt = at(24 * 2)
  const reference = `${7_000 + index}`
  await payload.create({
    collection: 'courier-payouts',
    data: {
      tenant: tenant.id,
      account: account.id,
      provider: 'steadfast',
      reference,
      source: 'api',
      status: 'paid',
      currency: 'BDT',
      amount: settled.reduce((s, i) => s + i.collected - i.deliveryFee - i.codFee, 0),
      paidAt,
      items: settled,
    },
    ...system,
  })
  for (const item of settled) {
    await payload.update({
      collection: 'shipments',
      id: item.shipment,
      data: { settlementRef: reference, settledAt: paidAt, settledAmount: item.collected - item.deliveryFee - item.codFee, settlementCount: 1 },
      ...system,
    })
  }
  return created + 1
}
