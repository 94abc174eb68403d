import type { Payload } from 'payload'

import type { Courier, Customer, Order, Product, Shipment, Tenant, User } from '../../../payload-types'
import { ownerPool } from './payload'
import { login } from './api'
import { asSystem, createStaff, createTenant, PASSWORD } from './factories'

let n = 0
const next = () => ++n

/** A shop with a courier account, a product, a customer and its tenant-admin (signed in). */
export type CourierShop = { tenant: Tenant; admin: User; token: string; account: Courier; product: Product; customer: Customer }

/**
 * A shop of the couriers' reports: the tenant (its courier settings in `settings.couriers`), a
 * courier account of `provider` with `credentials` (JSON, stored encrypted as any account), a
 * product with stock, a customer with a Bangladeshi mobile and an address, and its signed-in
 * tenant-admin. Fixtures: created as the platform (the code under test never is).
 */
export async function courierShop(
  payload: Payload,
  opts: { provider?: Courier['provider']; credentials?: Record<string, unknown>; settings?: Record<string, unknown>; phone?: string } = {},
): Promise<CourierShop> {
  const i = next()
  const tenant = await createTenant(payload, { name: `Courier shop ${i}`, ...(opts.settings ? { settings: opts.settings } : {}) })
  const admin = await createStaff(payload, tenant, 'tenant-admin')
  const account = await courierAccount(payload, tenant, opts.provider ?? 'steadfast', opts.credentials)
  const product = await asSystem(() =>
    payload.create({
      collection: 'products',
      data: { tenant: tenant.id, name: `Shirt ${i}`, sku: `SHIRT-${i}-${Date.now() % 100_000}`, price: 106_050, stock: 10_000, currency: 'BDT', status: 'active' },
      overrideAccess: true,
    }),
  )
  const customer = await asSystem(() =>
    payload.create({
      collection: 'customers',
      data: { tenant: tenant.id, name: `Rahim Uddin ${i}`, phone: opts.phone ?? '+8801712345678', addresses: [{ line1: 'House 12, Road 5, Dhanmondi', city: 'Dhaka', district: 'Dhaka' }] },
      overrideAccess: true,
    }),
  )
  return { tenant, admin, token: await login(admin.email, PASSWORD), account, product, customer }
}

/** Another courier account of the shop. */
export async function courierAccount(
  payload: Payload,
  tenant: Tenant,
  provider: Courier['provider'],
  credentials: Record<string, unknown> = { apiKey: 'sf-api-key', secretKey: 'sf-secret-key' },
): Promise<Courier> {
  return asSystem(() =>
    payload.create({ collection: 'couriers', data: { tenant: tenant.id, provider, label: `${provider} ${next()}`, credentials: JSON.stringify(credentials), status: 'active' }, overrideAccess: true }),
  )
}

/** An order of the shop (cash on delivery unless told), of one product: created pending, then moved to `status` (default confirmed, bookable). */
export async function orderOf(payload: Payload, shop: CourierShop, data: Partial<Order> = {}): Promise<Order> {
  const { status = 'confirmed', ...rest } = data
  const order = await asSystem(() =>
    payload.create({
      collection: 'orders',
      data: { tenant: shop.tenant.id, customer: shop.customer.id, items: [{ product: shop.product.id, quantity: 1 }], paymentMethod: 'cod', source: 'manual', status: 'pending', ...rest },
      overrideAccess: true,
    }),
  )
  if (status === 'pending') return order
  return asSystem(() => payload.update({ collection: 'orders', id: order.id, data: { status }, overrideAccess: true }))
}

type ShipmentData = Omit<Partial<Shipment>, 'recipient'> & { recipient?: Partial<Shipment['recipient']>; createdAt?: string }

/**
 * A booked shipment of the shop for a fresh order (one active shipment per order), as the
 * courier's events would have left it: `data` sets status, money, stage times. `createdAt` (the
 * reports' period) is set in the database afterwards, as the owner (Payload stamps its own).
 */
export async function shipmentOf(payload: Payload, shop: CourierShop, data: ShipmentData = {}, account: Courier = shop.account): Promise<Shipment> {
  const order = await orderOf(payload, shop, { paymentMethod: data.paymentMethod ?? 'cod', status: 'pending' })
  const i = next()
  const { recipient, createdAt, ...rest } = data
  const shipment = await asSystem(() =>
    payload.create({
      collection: 'shipments',
      data: {
        tenant: shop.tenant.id,
        order: order.id,
        account: account.id,
        provider: account.provider,
        invoice: String(order.number ?? `INV-${i}`),
        consignmentId: `C${100_000 + i}`,
        trackingCode: `TRK${i}X`,
        bookingState: 'booked',
        status: 'booked',
        active: true,
        recipient: { name: 'Rahim Uddin', phone: '01712345678', address: 'House 12, Road 5, Dhanmondi, Dhaka', district: 'Dhaka', ...recipient },
        paymentMethod: 'cod',
        currency: 'BDT',
        codExpected: data.paymentMethod === 'prepaid' ? 0 : 100_000,
        bookedAt: new Date().toISOString(),
        ...rest,
      } as never,
      overrideAccess: true,
    }),
  )
  if (createdAt) await ownerPool().query('update shipments set created_at = $1 where id = $2', [createdAt, shipment.id])
  return shipment
}

/** A shipment as the platform reads it now. */
export const readShipment = (payload: Payload, id: string): Promise<Shipment> => asSystem(() => payload.findByID({ collection: 'shipments', id, depth: 0, overrideAccess: true }))

/** The shop's payout records, as the platform reads them. */
export const payoutsOf = async (payload: Payload, tenant: Tenant) =>
  (await asSystem(() => payload.find({ collection: 'courier-payouts', where: { tenant: { equals: tenant.id } }, depth: 0, pagination: false, overrideAccess: true, sort: 'createdAt' }))).docs

/** A day `days` from today (negative: in the past), as an ISO timestamp. */
export const daysFromNow = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()
