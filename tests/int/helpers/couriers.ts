import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Payload } from 'payload'

import type { Courier, Customer, Order, Tenant, User } from '../../../payload-types'
import { api, login, route } from './api'
import { asSystem, createProduct, createStaff, createTenant, PASSWORD } from './factories'

/**
 * A loopback HTTP server in front of the app's own route modules (api.ts `route()`), so a fake
 * courier can POST its webhooks to a real URL and be answered by the production code path.
 */
export async function startRouteServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const body = chunks.length ? Buffer.concat(chunks) : undefined
    const response = await route(new Request(`http://localhost${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body }))
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

export type CourierShop = { tenant: Tenant; admin: User; token: string; account: Courier; customer: Customer; product: string }

/** A shop with a tenant-admin (signed in), a courier account of `provider` and a customer with a Dhaka address. */
export async function courierShop(payload: Payload, provider: 'steadfast' | 'pathao' | 'redx', credentials: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<CourierShop> {
  const tenant = await createTenant(payload)
  const admin = await createStaff(payload, tenant, 'tenant-admin')
  const token = await login(admin.email, PASSWORD)
  const created = await api('POST', '/couriers', { token, body: { tenant: tenant.id, provider, label: `${provider} main`, credentials: JSON.stringify(credentials), isDefault: true, ...extra } })
  if (created.status !== 201) throw new Error(`courier account: ${created.status} ${JSON.stringify(created.body)}`)
  const customer = await asSystem(() =>
    payload.create({
      collection: 'customers',
      overrideAccess: true,
      data: {
        tenant: tenant.id,
        name: 'Rahim Uddin',
        phone: `+88017${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        addresses: [{ line1: 'House 12, Road 5, Dhanmondi', city: 'Dhaka', district: 'Dhaka' }],
      },
    }),
  )
  const product = await createProduct(payload, tenant, { price: 150000, stock: 1000 })
  return { tenant, admin, token, account: created.body.doc as Courier, customer: customer, product: String(product.id) }
}

/** A confirmed COD order of the shop (total 1500.00 + shipping). */
export async function confirmedOrder(payload: Payload, shop: CourierShop, data: Partial<Order> = {}): Promise<Order> {
  const order = await asSystem(() =>
    payload.create({
      collection: 'orders',
      overrideAccess: true,
      data: { tenant: shop.tenant.id, customer: shop.customer.id, items: [{ product: shop.product, quantity: 1 }], shipping: 6000, paymentMethod: 'cod', source: 'manual', status: 'pending', ...data } as never,
    }),
  )
  return asSystem(() => payload.update({ collection: 'orders', id: order.id, data: { status: 'confirmed' }, overrideAccess: true }))
}

/** The account's webhook URL and secret, as its tenant-admin sees them. */
export async function webhookOf(shop: CourierShop): Promise<{ url: string; secret: string }> {
  const res = await api('GET', `/couriers/${shop.account.id}/webhook`, { token: shop.token })
  if (res.status !== 200) throw new Error(`webhook info: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/** The URL path of a webhook URL on the route server's origin. */
export const onServer = (origin: string, url: string) => `${origin}${new URL(url).pathname}${new URL(url).search}`
