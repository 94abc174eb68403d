import { createLocalReq, ValidationError, type PayloadRequest, type ValidationFieldError, type Where } from 'payload'

import type { Customer, Order, Product, Tenant } from '../../payload-types'
import { withTransaction } from '../db/transaction'
import { DEFER_CONSUMPTION } from '../../plugins/quotas'
import type { TenancyRequestContext } from '../tenancy/request-tenant'
import { withDefaultSettings } from '../tenancy/settings'
import type { StorefrontAddress, StorefrontOrderInput } from './order-input'
import { UUID } from '../validation/uuid'

/**
 * The storefront's order, as the platform's own work. It runs on a system request of its own
 * (Local API, no user: an anonymous caller has no create rights, and the multi-tenant plugin
 * rejects tenant values from unauthenticated HTTP requests) with `overrideAccess: true`, so the
 * tenant is set explicitly from the resolved request context on every query and document —
 * never taken from the body. Everything runs in one transaction on that request: a failure
 * anywhere leaves neither a customer nor an order behind (nor a used order number). An order
 * without an API key does not use the shop's `ordersPerMonth` until staff confirm it
 * (collections/Orders/hooks/countDeferredOrder.ts); one with a key uses it at once.
 */
export async function placeStorefrontOrder(httpReq: PayloadRequest, tenant: Tenant, input: StorefrontOrderInput): Promise<Order> {
  const context = httpReq.context as TenancyRequestContext
  // An anonymous order (no API key) uses the month's ordersPerMonth only when staff confirm it.
  const deferQuota = !context.tenancy?.apiKeyId
  const req = await createLocalReq(
    {
      context: { storefrontTenant: tenant.id, tenancy: context.tenancy, [DEFER_CONSUMPTION]: deferQuota },
      req: { i18n: httpReq.i18n },
    },
    httpReq.payload,
  )
  return withTransaction(req, async () => {
    const { lines, currency } = await priceLines(req, tenant.id, input.items)
    const customer = await findOrCreateCustomer(req, tenant.id, input.customer)
    const order = await withPaths(
      (path) => path.replace(/^items\.(\d+)\.product$/, 'items.$1'),
      () =>
        req.payload.create({
          collection: 'orders',
          data: {
            tenant: tenant.id,
            customer: customer.id,
            items: lines,
            currency,
            paymentMethod: input.paymentMethod ?? withDefaultSettings(tenant.settings).defaultPaymentMethod,
            source: 'storefront',
            status: 'pending',
            notes: input.notes,
          },
          depth: 0,
          overrideAccess: true,
          req,
        }),
    )
    return order
  })
}

/** Each line's product in this tenant — active products only, so drafts stay invisible — with stock checked. */
async function priceLines(req: PayloadRequest, tenantId: string, items: StorefrontOrderInput['items']) {
  const skus = [...new Set(items.flatMap((item) => (item.sku ? [item.sku] : [])))]
  const ids = [...new Set(items.flatMap((item) => (item.productId && UUID.test(item.productId) ? [item.productId.toLowerCase()] : [])))]
  const or: Where[] = []
  if (skus.length) or.push({ sku: { in: skus } })
  if (ids.length) or.push({ id: { in: ids } })
  const { docs } = or.length
    ? await req.payload.find({
        collection: 'products',
        where: { and: [{ tenant: { equals: tenantId } }, { status: { equals: 'active' } }, { or }] },
        depth: 0,
        pagination: false,
        overrideAccess: true,
        req,
      })
    : { docs: [] as Product[] }

  const errors: ValidationFieldError[] = []
  const wanted = new Map<string, number>()
  const lines = items.flatMap((item, i) => {
    const product = docs.find((p) => (item.sku ? p.sku === item.sku : p.id === item.productId?.toLowerCase()))
    if (!product) {
      errors.push(
        item.sku ? { path: `items.${i}.sku`, message: `No product with SKU "${item.sku}" is for sale in this shop.` } : { path: `items.${i}.productId`, message: 'No such product is for sale in this shop.' },
      )
      return []
    }
    const total = (wanted.get(product.id) ?? 0) + item.quantity
    wanted.set(product.id, total)
    if (total > product.stock) {
      errors.push({ path: `items.${i}.quantity`, message: `Only ${product.stock} of "${product.name}" in stock.` })
    }
    return [{ product: product.id, quantity: item.quantity, currency: product.currency }]
  })
  const currencies = new Set(lines.map((line) => line.currency))
  if (currencies.size > 1) errors.push({ path: 'items', message: 'All items of one order must be priced in the same currency.' })
  if (errors.length) throw new ValidationError({ errors })
  return { lines: lines.map(({ product, quantity }) => ({ product, quantity })), currency: lines[0].currency }
}

const sameAddress = (a: StorefrontAddress, b: NonNullable<Customer['addresses']>[number]) =>
  a.line1.toLowerCase() === b.line1.toLowerCase() && a.city.toLowerCase() === b.city.toLowerCase() && (a.line2 ?? '') === (b.line2 ?? '')

/**
 * The customer with this phone in this tenant, else a new one. An existing customer's name and
 * email are never changed from a storefront; a new delivery address is added to their list.
 */
async function findOrCreateCustomer(req: PayloadRequest, tenantId: string, input: StorefrontOrderInput['customer']): Promise<Customer> {
  const toInputPath = (path: string) => `customer.${path.replace(/^addresses\.\d+\./, 'address.')}`
  const { docs } = await req.payload.find({
    collection: 'customers',
    where: { and: [{ tenant: { equals: tenantId } }, { phone: { equals: input.phone } }] },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const existing = docs[0]
  const address = input.address ? { ...input.address, country: input.address.country ?? 'BD' } : undefined
  if (existing) {
    const addresses = existing.addresses ?? []
    if (!address || addresses.some((known) => sameAddress(address, known))) return existing
    return withPaths(toInputPath, () =>
      req.payload.update({
        collection: 'customers',
        id: existing.id,
        data: { addresses: [...addresses, address] },
        depth: 0,
        overrideAccess: true,
        req,
      }),
    )
  }
  return withPaths(toInputPath, () =>
    req.payload.create({
      collection: 'customers',
      data: { tenant: tenantId, name: input.name, phone: input.phone, email: input.email, addresses: address ? [address] : [] },
      depth: 0,
      overrideAccess: true,
      req,
    }),
  )
}

/** Re-throw a collection's ValidationError with paths of the storefront body instead. */
async function withPaths<T>(map: (path: string) => string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new ValidationError({ errors: err.data.errors.map((e) => ({ ...e, path: map(e.path) })) })
    }
    throw err
  }
}
